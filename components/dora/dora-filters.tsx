import Link from "next/link";
import { Button, buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Input, Label, Select } from "@/components/ui/form-controls";
import { PRODUCTION, type DoraFilterOptions, type DoraFilters as Filters } from "@/lib/domain/dora/dora-scope";
import { doraHref, presetRange } from "./dora-query";

const PRESETS = [
  { days: 7, label: "7 days" },
  { days: 30, label: "30 days" },
  { days: 90, label: "90 days" },
  { days: 180, label: "6 months" },
  { days: 365, label: "1 year" },
];

/** A plain GET form: the filters live in the URL, so a view of the numbers can be shared. */
export function DoraFilters({ filters, options, period, now }: { filters: Filters; options: DoraFilterOptions; period: { from: string; to: string }; now: Date }) {
  const teamsById = new Map(options.teams.map((t) => [t.slug, t.name]));
  const byTeam = new Map<string, DoraFilterOptions["services"]>();
  for (const s of options.services) byTeam.set(s.team, [...(byTeam.get(s.team) ?? []), s]);
  const active = Boolean(filters.team || filters.service || filters.environment !== PRODUCTION || filters.from || filters.to);
  return (
    <div className="mb-6 flex flex-col gap-3">
      <form method="get" action="/dora" role="search" aria-label="Filter DORA metrics" className="grid grid-cols-2 items-end gap-3 sm:flex sm:flex-wrap">
        <div className="min-w-0 sm:w-40">
          <Label htmlFor="dora-team">Team</Label>
          <Select id="dora-team" name="team" defaultValue={filters.team ?? ""} className="mt-1">
            <option value="">All teams</option>
            {options.teams.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="min-w-0 sm:w-48">
          <Label htmlFor="dora-service">Service</Label>
          <Select id="dora-service" name="service" defaultValue={filters.service ?? ""} className="mt-1">
            <option value="">All services</option>
            {[...byTeam].map(([team, services]) => (
              <optgroup key={team} label={teamsById.get(team) ?? team}>
                {services.map((s) => (
                  <option key={s.slug} value={s.slug}>
                    {s.name}
                  </option>
                ))}
              </optgroup>
            ))}
          </Select>
        </div>
        <div className="min-w-0 sm:w-40">
          <Label htmlFor="dora-environment">Environment</Label>
          <Select id="dora-environment" name="environment" defaultValue={filters.environment} className="mt-1">
            <option value={PRODUCTION}>Production</option>
            {options.environments.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </Select>
        </div>
        <div className="min-w-0 sm:w-40">
          <Label htmlFor="dora-from">From</Label>
          <Input id="dora-from" name="from" type="date" defaultValue={period.from} className="mt-1" />
        </div>
        <div className="min-w-0 sm:w-40">
          <Label htmlFor="dora-to">To</Label>
          <Input id="dora-to" name="to" type="date" defaultValue={period.to} className="mt-1" />
        </div>
        <div className="col-span-2 flex gap-2">
          <Button type="submit" variant="secondary">
            Apply
          </Button>
          {active && (
            <Link href="/dora" className={buttonClasses({ variant: "ghost" })}>
              Reset
            </Link>
          )}
        </div>
      </form>
      <nav aria-label="Period presets" className="flex flex-wrap items-center gap-1 text-xs">
        <span className="mr-1 text-zinc-600 dark:text-zinc-400">Last</span>
        {PRESETS.map((preset) => {
          const range = presetRange(preset.days, now);
          const current = range.from === period.from && range.to === period.to;
          return (
            <Link
              key={preset.days}
              href={doraHref("/dora", { ...filters, ...range })}
              aria-current={current ? "true" : undefined}
              className={cn(
                "rounded-md px-2 py-1 font-medium",
                current ? "bg-indigo-50 text-indigo-800 dark:bg-indigo-500/15 dark:text-indigo-200" : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800",
              )}
            >
              {preset.label}
            </Link>
          );
        })}
      </nav>
    </div>
  );
}
