import Link from "next/link";
import { Button, buttonClasses } from "@/components/ui/button";
import { Label, Select } from "@/components/ui/form-controls";
import { ANALYSIS_VERDICTS } from "@/lib/domain/analyses/analysis-view";
import type { AnalysisFilterOptions, AnalysisPageFilters } from "@/lib/domain/analyses/list-analyses";

/** A plain GET form: the filters live in the URL, so they are shareable and work without JavaScript. */
export function AnalysisFilters({ filters, options, action = "/metrics" }: { filters: AnalysisPageFilters; options: AnalysisFilterOptions; action?: string }) {
  const active = Object.keys(filters).length > 0;
  return (
    <form method="get" action={action} role="search" aria-label="Filter analyses" className="mb-4 grid grid-cols-2 items-end gap-3 sm:flex sm:flex-wrap">
      <div className="min-w-0 sm:w-52">
        <Label htmlFor="analysis-service">Service</Label>
        <Select id="analysis-service" name="service" defaultValue={filters.service ?? ""} className="mt-1">
          <option value="">Any service</option>
          {options.services.map((service) => (
            <option key={service.slug} value={service.slug}>
              {service.name}
            </option>
          ))}
          {filters.service && !options.services.some((s) => s.slug === filters.service) && <option value={filters.service}>{filters.service}</option>}
        </Select>
      </div>
      <div className="min-w-0 sm:w-40">
        <Label htmlFor="analysis-environment">Environment</Label>
        <Select id="analysis-environment" name="environment" defaultValue={filters.environment ?? ""} className="mt-1">
          <option value="">Any environment</option>
          {options.environments.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
          {filters.environment && !options.environments.includes(filters.environment) && <option value={filters.environment}>{filters.environment}</option>}
        </Select>
      </div>
      <div className="min-w-0 sm:w-40">
        <Label htmlFor="analysis-verdict">Verdict</Label>
        <Select id="analysis-verdict" name="verdict" defaultValue={filters.verdict ?? ""} className="mt-1">
          <option value="">Any verdict</option>
          {ANALYSIS_VERDICTS.map((verdict) => (
            <option key={verdict} value={verdict}>
              {verdict}
            </option>
          ))}
        </Select>
      </div>
      <div className="flex gap-2">
        <Button type="submit" variant="secondary">
          Apply
        </Button>
        {active && (
          <Link href={action} className={buttonClasses({ variant: "ghost" })}>
            Clear
          </Link>
        )}
      </div>
    </form>
  );
}
