import type { Prisma } from "@/lib/db/generated/client";

export const incidentInclude = {
  service: { select: { id: true, slug: true, name: true, teamId: true } },
  environment: { select: { id: true, name: true, isProduction: true } },
  deployment: {
    select: {
      id: true,
      startedAt: true,
      finishedAt: true,
      outcome: true,
      isRollback: true,
      environment: { select: { name: true } },
      artifact: { select: { id: true, version: true, gitSha: true } },
    },
  },
} as const satisfies Prisma.IncidentInclude;

export type IncidentRow = Prisma.IncidentGetPayload<{ include: typeof incidentInclude }>;

export interface IncidentDeploymentView {
  id: string;
  startedAt: Date;
  finishedAt: Date | null;
  outcome: string;
  isRollback: boolean;
  environment: string;
  artifact: { id: string; version: string; gitSha: string };
}

export interface IncidentView {
  id: string;
  title: string;
  severity: string;
  source: string;
  fingerprint: string | null;
  openedAt: Date;
  resolvedAt: Date | null;
  /** Open incidents have no duration yet. */
  durationSeconds: number | null;
  createdAt: Date;
  updatedAt: Date;
  service: { id: string; slug: string; name: string };
  environment: { id: string; name: string; isProduction: boolean } | null;
  deployment: IncidentDeploymentView | null;
}

export function toIncidentView(row: IncidentRow): IncidentView {
  return {
    id: row.id,
    title: row.title,
    severity: row.severity,
    source: row.source,
    fingerprint: row.fingerprint,
    openedAt: row.openedAt,
    resolvedAt: row.resolvedAt,
    durationSeconds: row.resolvedAt ? (row.resolvedAt.getTime() - row.openedAt.getTime()) / 1000 : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    service: { id: row.service.id, slug: row.service.slug, name: row.service.name },
    environment: row.environment,
    deployment: row.deployment
      ? {
          id: row.deployment.id,
          startedAt: row.deployment.startedAt,
          finishedAt: row.deployment.finishedAt,
          outcome: row.deployment.outcome,
          isRollback: row.deployment.isRollback,
          environment: row.deployment.environment.name,
          artifact: row.deployment.artifact,
        }
      : null,
  };
}

/** What the audit trail records about an incident (no fingerprints or other noise). */
export function incidentAuditSummary(row: { title: string; severity: string; openedAt: Date; resolvedAt: Date | null; deploymentId: string | null; environmentId: string | null }) {
  return {
    title: row.title,
    severity: row.severity,
    openedAt: row.openedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    deploymentId: row.deploymentId,
    environmentId: row.environmentId,
  };
}
