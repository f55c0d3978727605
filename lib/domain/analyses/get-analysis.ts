import { authorize, canSee } from "@/lib/auth/authorize";
import { environmentResource } from "@/lib/auth/resources";
import { getDb, type Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { DomainContext } from "@/lib/domain/context";
import { findPromotionFor } from "@/lib/domain/promotions/find-promotion";
import { notFound } from "@/lib/http/errors";
import { parseStoredTemplate, sortMetrics, toMetricView, type AnalysisDetail } from "./analysis-view";

export const analysisDetailInclude = {
  metrics: true,
  promotion: { select: { id: true, kind: true, status: true, failureReason: true, finishedAt: true } },
  deployment: {
    select: {
      id: true,
      startedAt: true,
      finishedAt: true,
      outcome: true,
      isRollback: true,
      artifact: { select: { id: true, version: true, imageDigest: true } },
      previousArtifact: { select: { id: true, version: true } },
      environment: {
        select: {
          id: true,
          name: true,
          serviceId: true,
          isProduction: true,
          autoRollback: true,
          noDataPolicy: true,
          service: { select: { slug: true, name: true, teamId: true } },
        },
      },
    },
  },
} satisfies Prisma.AnalysisInclude;

type AnalysisDetailRow = Prisma.AnalysisGetPayload<{ include: typeof analysisDetailInclude }>;

/**
 * The rollback that followed a promotion rolled back by its failed verification: the first
 * rollback requested in that environment after the promotion ended.
 */
async function findRollback(db: Db, row: AnalysisDetailRow): Promise<AnalysisDetail["rollback"]> {
  const promotion = row.promotion;
  if (!promotion || promotion.status !== "RolledBack" || !promotion.finishedAt) return null;
  const rollback = await db.promotion.findFirst({
    where: { environmentId: row.deployment.environment.id, kind: "Rollback", createdAt: { gte: new Date(promotion.finishedAt.getTime() - 60_000) } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, status: true, artifact: { select: { version: true } } },
  });
  return rollback ? { promotionId: rollback.id, status: rollback.status, toVersion: rollback.artifact.version } : null;
}

export function toAnalysisDetail(row: AnalysisDetailRow, rollback: AnalysisDetail["rollback"]): AnalysisDetail {
  const template = parseStoredTemplate(row.template);
  const baseline = { start: row.baselineStart.toISOString(), end: row.baselineEnd.toISOString() };
  const canary = { start: row.canaryStart.toISOString(), end: row.canaryEnd.toISOString() };
  const environment = row.deployment.environment;
  return {
    id: row.id,
    status: row.status,
    verdict: row.verdict,
    score: row.score,
    summary: row.summary,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    baseline,
    canary,
    deployment: {
      id: row.deployment.id,
      startedAt: row.deployment.startedAt.toISOString(),
      finishedAt: row.deployment.finishedAt?.toISOString() ?? null,
      outcome: row.deployment.outcome,
      isRollback: row.deployment.isRollback,
    },
    promotion: row.promotion
      ? { id: row.promotion.id, kind: row.promotion.kind, status: row.promotion.status, failureReason: row.promotion.failureReason, finishedAt: row.promotion.finishedAt?.toISOString() ?? null }
      : null,
    rollback,
    service: { slug: environment.service.slug, name: environment.service.name },
    environment: { id: environment.id, name: environment.name, isProduction: environment.isProduction, autoRollback: environment.autoRollback, noDataPolicy: environment.noDataPolicy },
    artifact: row.deployment.artifact,
    previousArtifact: row.deployment.previousArtifact,
    template,
    metrics: sortMetrics(
      row.metrics.map((m) => toMetricView(m, template, { baseline, canary })),
      template,
    ),
  };
}

function authorizeRead(ctx: DomainContext, row: AnalysisDetailRow) {
  const resource = environmentResource(row.deployment.environment);
  // Someone who cannot see the service must not learn that the analysis exists.
  if (!canSee(ctx.actor, resource)) throw notFound("Analysis");
  authorize({ actor: ctx.actor, action: "service:read", resource });
}

/** One analysis with every metric's evidence; 404 when it does not exist or its service is hidden from the caller. */
export async function getAnalysis(ctx: DomainContext, analysisId: string, db: Db = getDb()): Promise<AnalysisDetail> {
  const row = await db.analysis.findUnique({ where: { id: analysisId }, include: analysisDetailInclude });
  if (!row) throw notFound("Analysis");
  authorizeRead(ctx, row);
  return toAnalysisDetail(row, await findRollback(db, row));
}

/** Every analysis of a promotion (normally one), newest first; 404 when the promotion is hidden from the caller. */
export async function listAnalysesForPromotion(ctx: DomainContext, promotionId: string, db: Db = getDb()): Promise<AnalysisDetail[]> {
  await findPromotionFor(ctx, promotionId, "service:read", db);
  const rows = await db.analysis.findMany({ where: { promotionId }, include: analysisDetailInclude, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return Promise.all(rows.map(async (row) => toAnalysisDetail(row, await findRollback(db, row))));
}
