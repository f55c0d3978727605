import { z } from "zod";
import { serviceWhere } from "@/lib/auth/authorize";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { DomainContext } from "@/lib/domain/context";
import { findLiveDeployment, mayManage } from "./incident-target";
import { incidentInclude, toIncidentView, type IncidentView } from "./incident-view";
import { findIncident } from "./update-incident";

export const INCIDENT_LIST_LIMIT = 100;

export const incidentFiltersSchema = z.object({
  /** Service slug. */
  service: z.string().trim().min(1).max(200).optional(),
  /** Environment name. */
  environment: z.string().trim().min(1).max(200).optional(),
  status: z.enum(["open", "resolved"]).optional(),
  /** Linked to a deployment or not. */
  linked: z.enum(["yes", "no"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(INCIDENT_LIST_LIMIT),
});

export type IncidentFilters = z.infer<typeof incidentFiltersSchema>;

/** Incidents of the services the caller can see, newest first. */
export async function listIncidents(ctx: DomainContext, filters: IncidentFilters): Promise<IncidentView[]> {
  const where: Prisma.IncidentWhereInput = {
    service: { AND: [serviceWhere(ctx.actor), filters.service ? { slug: filters.service } : {}] },
    ...(filters.environment ? { environment: { name: filters.environment } } : {}),
    ...(filters.status === "open" ? { resolvedAt: null } : filters.status === "resolved" ? { resolvedAt: { not: null } } : {}),
    ...(filters.linked === "yes" ? { deploymentId: { not: null } } : filters.linked === "no" ? { deploymentId: null } : {}),
  };
  const rows = await db.incident.findMany({ where, orderBy: [{ openedAt: "desc" }, { id: "desc" }], take: filters.limit, include: incidentInclude });
  return rows.map(toIncidentView);
}

export interface DeploymentCandidate {
  id: string;
  startedAt: Date;
  finishedAt: Date | null;
  outcome: string;
  isRollback: boolean;
  environment: string;
  version: string;
  /** Running when the incident opened: what Gantry links by default. */
  liveAtOpen: boolean;
}

export interface IncidentDetail {
  incident: IncidentView;
  /** Deployments of the incident's environment around its start, to pick the cause from. */
  candidates: DeploymentCandidate[];
  canManage: boolean;
}

const CANDIDATE_WINDOW_MS = 14 * 86_400_000;

export async function getIncident(ctx: DomainContext, id: string): Promise<IncidentDetail> {
  const row = await findIncident(ctx, id);
  const incident = toIncidentView(row);
  const live = row.environmentId ? await findLiveDeployment(row.environmentId, row.openedAt) : null;
  const rows = await db.deployment.findMany({
    where: {
      serviceId: row.serviceId,
      ...(row.environmentId ? { environmentId: row.environmentId } : {}),
      startedAt: { gte: new Date(row.openedAt.getTime() - CANDIDATE_WINDOW_MS), lte: new Date((row.resolvedAt ?? new Date()).getTime()) },
    },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    take: 25,
    select: { id: true, startedAt: true, finishedAt: true, outcome: true, isRollback: true, environment: { select: { name: true } }, artifact: { select: { version: true } } },
  });
  const candidates = rows.map((d) => ({
    id: d.id,
    startedAt: d.startedAt,
    finishedAt: d.finishedAt,
    outcome: d.outcome,
    isRollback: d.isRollback,
    environment: d.environment.name,
    version: d.artifact.version,
    liveAtOpen: d.id === live?.id,
  }));
  // The linked deployment and the live one are always offered, even when outside the window.
  for (const extra of [row.deploymentId, live?.id]) {
    if (!extra || candidates.some((c) => c.id === extra)) continue;
    const d = await db.deployment.findUnique({
      where: { id: extra },
      select: { id: true, startedAt: true, finishedAt: true, outcome: true, isRollback: true, environment: { select: { name: true } }, artifact: { select: { version: true } } },
    });
    if (d) candidates.push({ ...d, environment: d.environment.name, version: d.artifact.version, liveAtOpen: d.id === live?.id });
  }
  candidates.sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime());
  return { incident, candidates, canManage: mayManage(ctx.actor, { service: row.service, environment: row.environment }) };
}
