import { SearchX, Siren } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { IncidentsTable } from "@/components/incidents/incidents-table";
import { ReportIncidentForm } from "@/components/incidents/report-incident-form";
import { Button, buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Label, Select } from "@/components/ui/form-controls";
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
      <form method="get" action="/incidents" role="search" aria-label="Filter incidents" className="mb-4 grid grid-cols-2 items-end gap-3 sm:flex sm:flex-wrap">
        <div className="min-w-0 sm:w-52">
          <Label htmlFor="incidents-service">Service</Label>
          <Select id="incidents-service" name="service" defaultValue={filters.service ?? ""} className="mt-1">
            <option value="">Any service</option>
            {services.map((s) => (
              <option key={s.slug} value={s.slug}>
                {s.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="min-w-0 sm:w-36">
          <Label htmlFor="incidents-status">Status</Label>
          <Select id="incidents-status" name="status" defaultValue={filters.status ?? ""} className="mt-1">
            <option value="">Any status</option>
            <option value="open">Open</option>
            <option value="resolved">Resolved</option>
          </Select>
        </div>
        <div className="min-w-0 sm:w-44">
          <Label htmlFor="incidents-linked">Deployment</Label>
          <Select id="incidents-linked" name="linked" defaultValue={filters.linked ?? ""} className="mt-1">
            <option value="">Linked or not</option>
            <option value="yes">Linked to a deployment</option>
            <option value="no">Not linked</option>
          </Select>
        </div>
        <div className="flex gap-2">
          <Button type="submit" variant="secondary">
            Apply
          </Button>
          {filtered && (
            <Link href="/incidents" className={buttonClasses({ variant: "ghost" })}>
              Clear
            </Link>
          )}
        </div>
      </form>
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
