import Link from "next/link";
import { Button, buttonClasses } from "@/components/ui/button";
import { Label, Select } from "@/components/ui/form-controls";
import type { PromotionFilterOptions, PromotionFilters as Filters } from "@/lib/domain/promotions/list-promotions";
import { PROMOTION_STATUS_DISPLAY } from "./promotion-status";

/** A plain GET form: filters live in the URL, so they are shareable and work without JavaScript. */
export function PromotionFilters({ filters, options }: { filters: Filters; options: PromotionFilterOptions }) {
  const active = Object.keys(filters).length > 0;
  return (
    <form method="get" action="/promotions" role="search" aria-label="Filter promotions" className="mb-4 grid grid-cols-2 items-end gap-3 sm:flex sm:flex-wrap">
      <div className="min-w-0 sm:w-44">
        <Label htmlFor="filter-status">Status</Label>
        <Select id="filter-status" name="status" defaultValue={filters.status ?? ""} className="mt-1">
          <option value="">Any status</option>
          {Object.entries(PROMOTION_STATUS_DISPLAY).map(([status, { label }]) => (
            <option key={status} value={status}>
              {label}
            </option>
          ))}
        </Select>
      </div>
      <div className="min-w-0 sm:w-52">
        <Label htmlFor="filter-service">Service</Label>
        <Select id="filter-service" name="service" defaultValue={filters.service ?? ""} className="mt-1">
          <option value="">Any service</option>
          {options.services.map((service) => (
            <option key={service.slug} value={service.slug}>
              {service.name}
            </option>
          ))}
          {filters.service && !options.services.some((s) => s.slug === filters.service) && (
            <option value={filters.service}>{filters.service}</option>
          )}
        </Select>
      </div>
      <div className="min-w-0 sm:w-40">
        <Label htmlFor="filter-environment">Environment</Label>
        <Select id="filter-environment" name="environment" defaultValue={filters.environment ?? ""} className="mt-1">
          <option value="">Any environment</option>
          {options.environments.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
          {filters.environment && !options.environments.includes(filters.environment) && (
            <option value={filters.environment}>{filters.environment}</option>
          )}
        </Select>
      </div>
      <div className="flex gap-2">
        <Button type="submit" variant="secondary">
          Apply
        </Button>
        {active && (
          <Link href="/promotions" className={buttonClasses({ variant: "ghost" })}>
            Clear
          </Link>
        )}
      </div>
    </form>
  );
}
