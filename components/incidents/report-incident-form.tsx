"use client";

import { Siren } from "lucide-react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { apiRequest } from "@/components/settings/api-client";
import { FormError } from "@/components/settings/form-error";
import { useApiMutation } from "@/components/settings/use-api-mutation";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { Input, Label, Select } from "@/components/ui/form-controls";
import type { IncidentTargetOption } from "@/lib/domain/incidents/incident-options";
import type { IncidentView } from "@/lib/domain/incidents/incident-view";

export const SEVERITIES = ["critical", "major", "minor", "warning", "unknown"] as const;

interface NewIncident {
  service: string;
  environment: string;
  title: string;
  severity: string;
  openedAt?: string;
  deploymentId?: null;
}

/** datetime-local values are the reader's local time; the API takes an instant. */
export function localInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

export function ReportIncidentForm({ targets }: { targets: IncidentTargetOption[] }) {
  const router = useRouter();
  const [service, setService] = useState(targets[0]?.slug ?? "");
  const environments = targets.find((t) => t.slug === service)?.environments ?? [];
  const [environment, setEnvironment] = useState(environments[0]?.name ?? "");
  const [title, setTitle] = useState("");
  const [severity, setSeverity] = useState<string>("major");
  const [openedAt, setOpenedAt] = useState("");
  const [linkLive, setLinkLive] = useState(true);
  const mutation = useApiMutation((input: NewIncident) => apiRequest<{ incident: IncidentView }>("POST", "/api/v1/incidents", input), {
    onSuccess: ({ incident }) => router.push(`/incidents/${incident.id}`),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const opened = localInputToIso(openedAt);
    mutation.mutate({ service, environment, title: title.trim(), severity, ...(opened ? { openedAt: opened } : {}), ...(linkLive ? {} : { deploymentId: null }) });
  }

  return (
    <Card className="mb-6">
      <CardBody>
        <form onSubmit={submit} aria-labelledby="report-incident-title" className="flex flex-col gap-3">
          <h2 id="report-incident-title" className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            Report an incident
          </h2>
          <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <div className="flex flex-col gap-1.5 sm:col-span-2">
              <Label htmlFor="incident-title">What is wrong</Label>
              <Input id="incident-title" required maxLength={500} value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Checkout returns 500 for card payments" />
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="incident-service">Service</Label>
              <Select
                id="incident-service"
                value={service}
                onChange={(e) => {
                  setService(e.target.value);
                  setEnvironment(targets.find((t) => t.slug === e.target.value)?.environments[0]?.name ?? "");
                }}
              >
                {targets.map((t) => (
                  <option key={t.slug} value={t.slug}>
                    {t.name}
                  </option>
                ))}
              </Select>
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="incident-environment">Environment</Label>
              <Select id="incident-environment" value={environment} onChange={(e) => setEnvironment(e.target.value)}>
                {environments.map((e) => (
                  <option key={e.name} value={e.name}>
                    {e.name}
                  </option>
                ))}
              </Select>
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="incident-severity">Severity</Label>
              <Select id="incident-severity" value={severity} onChange={(e) => setSeverity(e.target.value)}>
                {SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </Select>
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="incident-opened">Started (your time; empty = now)</Label>
              <Input id="incident-opened" type="datetime-local" value={openedAt} onChange={(e) => setOpenedAt(e.target.value)} />
            </div>
            <label className="flex items-center gap-2 self-end pb-2 text-sm text-zinc-700 sm:col-span-2 dark:text-zinc-300">
              <input type="checkbox" checked={linkLive} onChange={(e) => setLinkLive(e.target.checked)} className="size-4 rounded border-zinc-300" />
              Link the deployment that was live when it started (the likely cause)
            </label>
          </div>
          <FormError error={mutation.error} />
          <div>
            <Button type="submit" variant="primary" disabled={mutation.isPending || !service || !environment}>
              <Siren aria-hidden />
              {mutation.isPending ? "Reporting…" : "Report incident"}
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
