import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { lockEnvironment } from "@/lib/db/row-locks";
import type { DomainContext } from "@/lib/domain/context";
import { AppError } from "@/lib/http/errors";
import { enqueuePromotion } from "@/lib/jobs/promotion-queue";
import { ACTIVE_STATUSES, OPEN_STATUSES } from "@/lib/domain/promotions/lifecycle";
import { currentDeployment } from "@/lib/domain/promotions/policy-context";
import { promotionInclude, toPromotionView } from "@/lib/domain/promotions/promotion-view";
import { findEnvironmentFor } from "./find-environment";

export const rollbackEnvironmentInput = z.object({
  reason: z.string().trim().min(3, "say why (it goes in the audit trail)").max(2000),
  /** Default: the last known-good artifact (the latest successful deployment of a different artifact). */
  artifactId: z.uuid().optional(),
});

export type RollbackEnvironmentInput = z.input<typeof rollbackEnvironmentInput>;

/** The artifact a rollback returns to when none is named, or null when there is nothing to go back to. */
export async function lastKnownGood(environmentId: string) {
  const current = await currentDeployment(environmentId);
  if (!current) return null;
  const previous = await db.deployment.findFirst({
    where: { environmentId, outcome: "Succeeded", artifactId: { not: current.artifactId }, startedAt: { lt: current.startedAt } },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    include: { artifact: true },
  });
  return previous ? { from: current.artifact, to: previous.artifact } : null;
}

/**
 * The 3 a.m. button. Needs only the rollback permission: no quorum, soak or freeze. A rollback
 * jumps the queue, stops a promotion that is deploying, puts the environment on hold (nothing is
 * promoted again until someone clears it), and is audited with its reason. Clicking twice
 * answers the same rollback.
 */
export async function rollbackEnvironment(ctx: DomainContext, environmentId: string, rawInput: RollbackEnvironmentInput) {
  const input = rollbackEnvironmentInput.parse(rawInput);
  const { environment } = await findEnvironmentFor(ctx, environmentId, "environment:rollback");
  let targetArtifactId = input.artifactId;
  if (!targetArtifactId) {
    const known = await lastKnownGood(environment.id);
    if (!known) throw new AppError("invalid_state", `${environment.service.slug} / ${environment.name} has no earlier successful deployment to roll back to`);
    targetArtifactId = known.to.id;
  } else {
    const everGood = await db.deployment.count({ where: { environmentId: environment.id, artifactId: targetArtifactId, outcome: { in: ["Succeeded", "RolledBack"] } } });
    if (!everGood) throw new AppError("policy_violation", "Roll back only to an artifact that has run successfully in this environment before", { blockers: [{ code: "target", message: "the chosen artifact never ran successfully here" }] });
  }
  const actor = ctx.actor;
  const requesterId = actor.kind === "system" ? null : actor.userId;

  const outcome = await db.$transaction(async (tx) => {
    await lockEnvironment(tx, environment.id);
    const pending = await tx.promotion.findFirst({
      where: { environmentId: environment.id, kind: "Rollback", artifactId: targetArtifactId, status: { in: [...OPEN_STATUSES, ...ACTIVE_STATUSES] } },
      include: promotionInclude,
    });
    if (pending) return { row: pending, created: false };
    const now = new Date();
    const scope = { serviceId: environment.serviceId, environmentId: environment.id };
    // A deploying promotion is stopped so the rollback can take the environment at once.
    const active = await tx.promotion.findMany({ where: { environmentId: environment.id, status: { in: [...ACTIVE_STATUSES] } }, select: { id: true, status: true } });
    for (const running of active) {
      await tx.promotion.update({ where: { id: running.id }, data: { status: "Aborted", finishedAt: now, failureReason: `aborted by rollback: ${input.reason}` } });
      await recordAudit(tx, ctx, { action: "promotion.abort", targetType: "Promotion", targetId: running.id, ...scope, before: { status: running.status }, after: { status: "Aborted", reason: "superseded by rollback" } });
    }
    const row = await tx.promotion.create({
      data: {
        environmentId: environment.id,
        artifactId: targetArtifactId,
        kind: "Rollback",
        status: "Queued",
        reason: input.reason,
        requestedById: requesterId,
        requestedByTokenId: actor.kind === "token" ? actor.tokenId : null,
        approvedAt: now,
        queuedAt: now,
      },
      include: promotionInclude,
    });
    const actorName = actor.kind === "system" ? "Gantry" : actor.email;
    await tx.environment.update({
      where: { id: environment.id },
      data: { heldAt: now, holdReason: `Rolled back by ${actorName}: ${input.reason}`, heldById: requesterId },
    });
    await recordAudit(tx, ctx, {
      action: "environment.rollback",
      targetType: "Promotion",
      targetId: row.id,
      ...scope,
      after: { to: row.artifact.version, reason: input.reason, abortedPromotions: active.map((a) => a.id) },
    });
    await recordAudit(tx, ctx, { action: "environment.hold", targetType: "Environment", targetId: environment.id, ...scope, after: { reason: `rollback: ${input.reason}` } });
    return { row, created: true };
  });
  if (outcome.created) await enqueuePromotion(outcome.row.id);
  return { promotion: toPromotionView(outcome.row), created: outcome.created };
}
