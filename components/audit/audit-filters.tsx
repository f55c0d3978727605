import { Filter } from "lucide-react";
import Link from "next/link";
import { Button, buttonClasses } from "@/components/ui/button";
import { Input, Label, Select } from "@/components/ui/form-controls";
import { toDateTimeLocal, type AuditParams } from "./audit-query";

const SUGGESTED_ACTIONS = [
  "auth.",
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_in_throttled",
  "user.",
  "team.",
  "role_binding.",
  "token.",
  "promotion.",
  "environment.",
  "cluster.",
];

function dateInputValue(value: string | undefined) {
  if (!value) return "";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? "" : toDateTimeLocal(date);
}

/** A plain GET form: filters live in the query string, so a filtered view is a link you can share. */
export function AuditFilters({
  params,
  services,
}: {
  params: AuditParams;
  services: { id: string; slug: string; environments: { id: string; name: string }[] }[];
}) {
  return (
    <form method="get" action="/audit" aria-label="Filter audit events" className="rounded-lg border border-zinc-200 bg-white p-4 shadow-xs dark:border-zinc-800 dark:bg-zinc-900">
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3 xl:grid-cols-6">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="audit-actor">Actor</Label>
          <Input id="audit-actor" name="actor" placeholder="email or token name" defaultValue={params.actor ?? ""} />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="audit-action">Action</Label>
          <Input id="audit-action" name="action" list="audit-action-suggestions" placeholder="user. or token.create" defaultValue={params.action ?? ""} aria-describedby="audit-action-hint" />
          <datalist id="audit-action-suggestions">
            {SUGGESTED_ACTIONS.map((a) => (
              <option key={a} value={a} />
            ))}
          </datalist>
          <p id="audit-action-hint" className="sr-only">
            An exact action, or a prefix ending with a dot.
          </p>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="audit-service">Service</Label>
          <Select id="audit-service" name="serviceId" defaultValue={params.serviceId ?? ""}>
            <option value="">Any service</option>
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.slug}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="audit-environment">Environment</Label>
          <Select id="audit-environment" name="environmentId" defaultValue={params.environmentId ?? ""}>
            <option value="">Any environment</option>
            {services.map((s) => (
              <optgroup key={s.id} label={s.slug}>
                {s.environments.map((e) => (
                  <option key={e.id} value={e.id}>
                    {s.slug} / {e.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="audit-from">From (UTC)</Label>
          <Input id="audit-from" name="from" type="datetime-local" defaultValue={dateInputValue(params.from)} />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="audit-to">Until (UTC)</Label>
          <Input id="audit-to" name="to" type="datetime-local" defaultValue={dateInputValue(params.to)} />
        </div>
      </div>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button type="submit" variant="primary" size="sm">
          <Filter aria-hidden />
          Apply filters
        </Button>
        <Link href="/audit" className={buttonClasses({ variant: "ghost", size: "sm" })}>
          Clear
        </Link>
      </div>
    </form>
  );
}
