import { FilterForm, FilterSelect } from "@/components/ui/filter-form";
import { ANALYSIS_VERDICTS } from "@/lib/domain/analyses/analysis-view";
import type { AnalysisFilterOptions, AnalysisPageFilters } from "@/lib/domain/analyses/list-analyses";

export function AnalysisFilters({ filters, options, action = "/metrics" }: { filters: AnalysisPageFilters; options: AnalysisFilterOptions; action?: string }) {
  return (
    <FilterForm action={action} label="Filter analyses" active={Object.keys(filters).length > 0}>
      <FilterSelect
        id="analysis-service"
        name="service"
        label="Service"
        value={filters.service}
        anyLabel="Any service"
        options={options.services.map((s) => ({ value: s.slug, label: s.name }))}
        className="sm:w-52"
      />
      <FilterSelect
        id="analysis-environment"
        name="environment"
        label="Environment"
        value={filters.environment}
        anyLabel="Any environment"
        options={options.environments.map((name) => ({ value: name, label: name }))}
        className="sm:w-40"
      />
      <FilterSelect
        id="analysis-verdict"
        name="verdict"
        label="Verdict"
        value={filters.verdict}
        anyLabel="Any verdict"
        options={ANALYSIS_VERDICTS.map((verdict) => ({ value: verdict, label: verdict }))}
        className="sm:w-40"
      />
    </FilterForm>
  );
}
