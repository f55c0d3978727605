import { FilterForm, FilterSelect, ServiceEnvironmentSelects } from "@/components/ui/filter-form";
import { ANALYSIS_VERDICTS } from "@/lib/domain/analyses/analysis-view";
import type { AnalysisFilterOptions, AnalysisPageFilters } from "@/lib/domain/analyses/list-analyses";

export function AnalysisFilters({ filters, options, action = "/metrics" }: { filters: AnalysisPageFilters; options: AnalysisFilterOptions; action?: string }) {
  return (
    <FilterForm action={action} label="Filter analyses" active={Object.keys(filters).length > 0}>
      <ServiceEnvironmentSelects idPrefix="analysis" filters={filters} options={options} />
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
