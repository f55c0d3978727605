import Link from "next/link";
import type { ReactNode } from "react";
import { Button, buttonClasses } from "./button";
import { cn } from "./cn";
import { Label, Select } from "./form-controls";

/**
 * A plain GET form for list filters: the filters live in the URL, so a filtered view is shareable
 * and works without JavaScript. "Clear" links back to the unfiltered list.
 */
export function FilterForm({ action, label, active, children }: { action: string; label: string; active: boolean; children: ReactNode }) {
  return (
    <form method="get" action={action} role="search" aria-label={label} className="mb-4 grid grid-cols-2 items-end gap-3 sm:flex sm:flex-wrap">
      {children}
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

export interface FilterOption {
  value: string;
  label: string;
}

/**
 * One select of a FilterForm. A current value that is not among the options (a stale bookmark, a
 * service since hidden) stays selectable, so the form shows what the list is filtered by.
 */
export function FilterSelect({
  id,
  name,
  label,
  value,
  anyLabel,
  options,
  className,
}: {
  id: string;
  name: string;
  label: string;
  value: string | undefined;
  anyLabel: string;
  options: FilterOption[];
  /** Width on wider screens, e.g. "sm:w-44". */
  className: string;
}) {
  return (
    <div className={cn("min-w-0", className)}>
      <Label htmlFor={id}>{label}</Label>
      <Select id={id} name={name} defaultValue={value ?? ""} className="mt-1">
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
        {value && !options.some((option) => option.value === value) && <option value={value}>{value}</option>}
      </Select>
    </div>
  );
}

/**
 * The service and environment selects that list pages filter by, with the ids `${idPrefix}-service`
 * and `${idPrefix}-environment`.
 */
export function ServiceEnvironmentSelects({
  idPrefix,
  filters,
  options,
}: {
  idPrefix: string;
  filters: { service?: string; environment?: string };
  options: { services: { slug: string; name: string }[]; environments: string[] };
}) {
  return (
    <>
      <FilterSelect
        id={`${idPrefix}-service`}
        name="service"
        label="Service"
        value={filters.service}
        anyLabel="Any service"
        options={options.services.map((s) => ({ value: s.slug, label: s.name }))}
        className="sm:w-52"
      />
      <FilterSelect
        id={`${idPrefix}-environment`}
        name="environment"
        label="Environment"
        value={filters.environment}
        anyLabel="Any environment"
        options={options.environments.map((name) => ({ value: name, label: name }))}
        className="sm:w-40"
      />
    </>
  );
}
