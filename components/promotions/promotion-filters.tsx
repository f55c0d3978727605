import { FilterForm, FilterSelect, ServiceEnvironmentSelects } from "@/components/ui/filter-form";
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
      <ServiceEnvironmentSelects idPrefix="filter" filters={filters} options={options} />
    </FilterForm>
  );
}
