import { FilterForm, FilterSelect } from "@/components/ui/filter-form";
import type { PromotionFilterOptions, PromotionFilters as Filters } from "@/lib/domain/promotions/list-promotions";
import { PROMOTION_STATUS_DISPLAY } from "./promotion-status";

export function PromotionFilters({ filters, options }: { filters: Filters; options: PromotionFilterOptions }) {
  return (
    <FilterForm action="/promotions" label="Filter promotions" active={Object.keys(filters).length > 0}>
      <FilterSelect
        id="filter-status"
        name="status"
        label="Status"
        value={filters.status}
        anyLabel="Any status"
        options={Object.entries(PROMOTION_STATUS_DISPLAY).map(([status, { label }]) => ({ value: status, label }))}
        className="sm:w-44"
      />
      <FilterSelect
        id="filter-service"
        name="service"
        label="Service"
        value={filters.service}
        anyLabel="Any service"
        options={options.services.map((s) => ({ value: s.slug, label: s.name }))}
        className="sm:w-52"
      />
      <FilterSelect
        id="filter-environment"
        name="environment"
        label="Environment"
        value={filters.environment}
        anyLabel="Any environment"
        options={options.environments.map((name) => ({ value: name, label: name }))}
        className="sm:w-40"
      />
    </FilterForm>
  );
}
