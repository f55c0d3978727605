import { can, serviceWhere } from "@/lib/auth/authorize";
import { environmentResource } from "@/lib/auth/resources";
import { db } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";
import { findServiceFor } from "@/lib/domain/environments/find-environment";
import { driftSummary, fleetDriftSelect } from "@/lib/domain/environments/fleet";
import { currentDeployments } from "@/lib/domain/pipelines/get-pipeline-board";
import { ACTIVE_STATUSES, OPEN_STATUSES } from "@/lib/domain/promotions/lifecycle";
import { activeFreeze } from "@/lib/policy/freeze-windows";

/** Services the caller can see, with their team and environments in pipeline order. */
export async function listServices(ctx: DomainContext) {
  const services = await db.service.findMany({
    where: serviceWhere(ctx.actor),
    orderBy: { slug: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      imageRepository: true,
      team: { select: { id: true, slug: true, name: true } },
      environments: { orderBy: { position: "asc" }, select: { id: true, name: true, position: true, isProduction: true } },
    },
  });
  return services;
}

/**
 * One service's pipeline: per environment the current artifact, the active promotion, promotions
 * waiting (with approvals so far), drift, hold and freeze, and what the caller may do there.
 */
export async function getService(ctx: DomainContext, serviceIdOrSlug: string) {
  const service = await findServiceFor(ctx, serviceIdOrSlug, "service:read");
  const [team, environments] = await Promise.all([
    db.team.findUniqueOrThrow({ where: { id: service.teamId }, select: { id: true, slug: true, name: true } }),
    db.environment.findMany({ where: { serviceId: service.id }, orderBy: { position: "asc" }, include: { freezeWindows: true, ...fleetDriftSelect } }),
  ]);
  const now = new Date();
  // One statement per kind for all the environments (not per environment: a service page and
  // GET /api/v1/services/{slug} are read often, bench:api).
  const environmentIds = environments.map((env) => env.id);
  const [currentRows, activeRows, waitingRows] = await Promise.all([
    currentDeployments(db, environmentIds),
    db.promotion.findMany({
      where: { environmentId: { in: environmentIds }, status: { in: [...ACTIVE_STATUSES] } },
      select: { id: true, environmentId: true, kind: true, status: true, rolloutProgress: true, startedAt: true, artifact: { select: { version: true } } },
    }),
    db.promotion.findMany({
      where: { environmentId: { in: environmentIds }, status: { in: [...OPEN_STATUSES] } },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: { id: true, environmentId: true, kind: true, status: true, createdAt: true, artifact: { select: { id: true, version: true } }, approvals: { select: { decision: true } } },
    }),
  ]);
  const stages = environments.map((env) => {
    const row = currentRows.find((r) => r.environmentId === env.id);
    const active = activeRows.find((p) => p.environmentId === env.id);
    const waiting = waitingRows.filter((p) => p.environmentId === env.id);
    const resource = environmentResource({ ...env, service: { teamId: service.teamId, slug: service.slug } });
    const freeze = activeFreeze(env.freezeWindows, now);
    return {
      id: env.id,
      name: env.name,
      position: env.position,
      isProduction: env.isProduction,
      clusters: env.clusters.map((c) => c.cluster),
      namespace: env.namespace,
      workload: { kind: env.workloadKind, name: env.workloadName, container: env.containerName },
      policy: { requiredApprovals: env.requiredApprovals, requireUpstreamSuccess: env.requireUpstreamSuccess, minSoakMinutes: env.minSoakMinutes, autoRollback: env.autoRollback },
      current: row
        ? {
            deploymentId: row.deploymentId,
            deployedAt: row.finishedAt ?? row.startedAt,
            isRollback: row.isRollback,
            artifact: { id: row.artifactId, version: row.version, imageRepository: row.imageRepository, imageDigest: row.imageDigest, gitSha: row.gitSha, image: `${row.imageRepository}@${row.imageDigest}` },
          }
        : null,
      activePromotion: active
        ? { id: active.id, kind: active.kind, status: active.status, rolloutProgress: active.rolloutProgress, startedAt: active.startedAt, artifact: active.artifact }
        : null,
      waitingPromotions: waiting.map((p) => ({
        id: p.id,
        kind: p.kind,
        status: p.status,
        createdAt: p.createdAt,
        artifact: p.artifact,
        approvals: p.approvals.filter((a) => a.decision === "Approve").length,
      })),
      /** What the rollback button would go back to (null: nothing earlier ran successfully). */
      rollbackTarget:
        row?.rollbackArtifactId && row.rollbackVersion ? { artifactId: row.rollbackArtifactId, version: row.rollbackVersion, image: `${row.rollbackImageRepository}@${row.rollbackImageDigest}` } : null,
      hold: env.heldAt ? { heldAt: env.heldAt, reason: env.holdReason } : null,
      drift: driftSummary(env.clusters),
      freeze: freeze ? { reason: freeze.window.reason, endsAt: freeze.endsAt } : null,
      can: {
        promote: can(ctx.actor, "promotion:request", resource),
        approve: can(ctx.actor, "promotion:approve", resource),
        rollback: can(ctx.actor, "environment:rollback", resource),
        hold: can(ctx.actor, "environment:hold", resource),
      },
    };
  });
  return { id: service.id, slug: service.slug, name: service.name, description: service.description, imageRepository: service.imageRepository, team, environments: stages };
}

export type ServiceDetail = Awaited<ReturnType<typeof getService>>;
