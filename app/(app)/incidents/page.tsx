import { SearchX, Siren } from "lucide-react";
import type { Metadata } from "next";
import { IncidentsTable } from "@/components/incidents/incidents-table";
import { ReportIncidentForm } from "@/components/incidents/report-incident-form";
import { EmptyState } from "@/components/ui/empty-state";
import { FilterForm, FilterSelect } from "@/components/ui/filter-form";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageContext } from "@/lib/auth/page-actor";
import { listIncidentTargets } from "@/lib/domain/incidents/incident-options";
import { incidentFiltersSchema, INCIDENT_LIST_LIMIT, listIncidents } from "@/lib/domain/incidents/list-incidents";
import { listServiceScopes } from "@/lib/domain/services/list-service-scopes";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Incidents" };

type SearchParams = Record<string, string | string[] | undefined>;

function readFilters(params: SearchParams) {
  const pick = (name: string) => {
    const value = params[name];
    const text = (Array.isArray(value) ? value[0] : value)?.trim();
    return text ? text : undefined;
  };
  const parsed = incidentFiltersSchema.safeParse({ service: pick("service"), status: pick("status"), linked: pick("linked") });
  return parsed.success ? parsed.data : incidentFiltersSchema.parse({});
}

export default async function IncidentsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const filters = readFilters(await searchParams);
  const ctx = await requirePageContext("/incidents");
  const [incidents, services, targets] = await Promise.all([listIncidents(ctx, filters), listServiceScopes(ctx), listIncidentTargets(ctx)]);
  const filtered = Boolean(filters.service || filters.status || filters.linked);

  return (
    <>
      <PageHeader
        title="Incidents"
        description="Outages of your services. An incident linked to a deployment makes it a failed change; every incident counts in time to restore."
        meta={incidents.length === INCIDENT_LIST_LIMIT && <span>Showing the latest {INCIDENT_LIST_LIMIT}</span>}
      />
      {targets.length > 0 && <ReportIncidentForm targets={targets} />}
      <FilterForm action="/incidents" label="Filter incidents" active={filtered}>
        <FilterSelect
          id="incidents-service"
          name="service"
          label="Service"
          value={filters.service}
          anyLabel="Any service"
          options={services.map((s) => ({ value: s.slug, label: s.name }))}
          className="sm:w-52"
        />
        <FilterSelect
          id="incidents-status"
          name="status"
          label="Status"
          value={filters.status}
          anyLabel="Any status"
          options={[
            { value: "open", label: "Open" },
            { value: "resolved", label: "Resolved" },
          ]}
          className="sm:w-36"
        />
        <FilterSelect
          id="incidents-linked"
          name="linked"
          label="Deployment"
          value={filters.linked}
          anyLabel="Linked or not"
          options={[
            { value: "yes", label: "Linked to a deployment" },
            { value: "no", label: "Not linked" },
          ]}
          className="sm:w-44"
        />
      </FilterForm>
      {incidents.length > 0 ? (
        <IncidentsTable incidents={incidents} />
      ) : filtered ? (
        <EmptyState icon={<SearchX />} title="No incidents match these filters" />
      ) : (
        <EmptyState icon={<Siren />} title="No incidents">
          Incidents arrive from Alertmanager or the API, or are reported here by on-call engineers.
        </EmptyState>
      )}
    </>
  );
}
