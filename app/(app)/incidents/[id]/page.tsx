import { ChevronLeft } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatSeconds, formatWhen } from "@/components/dora/dora-format";
import { IncidentStatusBadge, SeverityBadge } from "@/components/incidents/incident-badges";
import { IncidentEditor } from "@/components/incidents/incident-editor";
import { Card, CardBody } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageContext } from "@/lib/auth/page-actor";
import { getIncident } from "@/lib/domain/incidents/list-incidents";
import { AppError } from "@/lib/http/errors";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Incident" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function Fact({ term, children }: { term: string; children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-0.5">
      <dt className="text-xs font-medium text-zinc-600 dark:text-zinc-400">{term}</dt>
      <dd className="text-sm text-zinc-900 dark:text-zinc-100">{children}</dd>
    </div>
  );
}

export default async function IncidentPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ctx = await requirePageContext(`/incidents/${id}`);
  if (!UUID.test(id)) notFound();
  let detail: Awaited<ReturnType<typeof getIncident>>;
  try {
    detail = await getIncident(ctx, id);
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  }
  const { incident, candidates, canManage } = detail;

  return (
    <>
      <Link href="/incidents" className="mb-3 inline-flex items-center gap-1 text-sm text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100">
        <ChevronLeft aria-hidden className="size-4" />
        Incidents
      </Link>
      <PageHeader
        title={incident.title}
        meta={
          <>
            <IncidentStatusBadge resolvedAt={incident.resolvedAt} />
            <SeverityBadge severity={incident.severity} />
            <span>
              {incident.service.name}
              {incident.environment ? ` / ${incident.environment.name}` : ""}
            </span>
          </>
        }
      />
      <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
        <Card>
          <CardBody>
            <dl className="grid grid-cols-2 gap-4">
              <Fact term="Started">{formatWhen(incident.openedAt)}</Fact>
              <Fact term="Restored">{incident.resolvedAt ? formatWhen(incident.resolvedAt) : "Not yet"}</Fact>
              <Fact term="Time to restore">{incident.durationSeconds === null ? "Still open" : formatSeconds(incident.durationSeconds)}</Fact>
              <Fact term="Reported by">{incident.source === "alertmanager" ? "Alertmanager" : incident.source === "api" ? "API" : "A person"}</Fact>
              <Fact term="Caused by">
                {incident.deployment ? (
                  <span className="font-mono text-xs">
                    {incident.deployment.artifact.version} · {incident.deployment.environment} · {formatWhen(incident.deployment.startedAt)}
                    {incident.deployment.isRollback ? " (rollback)" : ""}
                  </span>
                ) : (
                  "Not linked to a deployment"
                )}
              </Fact>
              {incident.fingerprint && (
                <Fact term="Alert fingerprint">
                  <code className="font-mono text-xs">{incident.fingerprint}</code>
                </Fact>
              )}
            </dl>
          </CardBody>
        </Card>
        {canManage ? (
          <IncidentEditor incident={incident} candidates={candidates} />
        ) : (
          <Card>
            <CardBody className="text-sm text-zinc-600 dark:text-zinc-400">You can see this incident; resolving it or changing its cause needs the operator role here.</CardBody>
          </Card>
        )}
      </div>
    </>
  );
}
