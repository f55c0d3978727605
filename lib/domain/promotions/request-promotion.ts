import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/authorize";
import { db } from "@/lib/db/client";
import { lockEnvironment } from "@/lib/db/row-locks";
import type { DomainContext } from "@/lib/domain/context";
import { findEnvironmentFor } from "@/lib/domain/environments/find-environment";
import { AppError, notFound } from "@/lib/http/errors";
import { enqueuePromotion } from "@/lib/jobs/promotion-queue";
import { OPEN_STATUSES } from "./lifecycle";
import { checkPolicy } from "./policy-context";
import { promotionInclude, toPromotionView } from "./promotion-view";
import { notifyPromotionRequested } from "@/lib/notifications/notify";

export const requestPromotionInput = z.object({
  artifactId: z.uuid(),
  environmentId: z.uuid(),
  reason: z.string().trim().max(2000).default(""),
  /** Admins only: promote through an active freeze window, with the reason recorded. */
  freezeOverrideReason: z.string().trim().min(3).max(2000).optional(),
});

export type RequestPromotionInput = z.input<typeof requestPromotionInput>;

const idempotencyKey = z.string().trim().min(1).max(200).optional();

/**
 * Asks for an artifact to run in an environment. Hard prerequisites (hold, upstream success, soak,
 * freeze) are checked now and refused with every reason; approvals are collected afterwards. A
 * double submit (same Idempotency-Key, or the same artifact already waiting for the same
 * environment) answers the existing promotion.
 */
export async function requestPromotion(ctx: DomainContext, rawInput: RequestPromotionInput, rawKey?: string | null) {
  const input = requestPromotionInput.parse(rawInput);
  const key = idempotencyKey.parse(rawKey ?? undefined);
  const { environment, resource } = await findEnvironmentFor(ctx, input.environmentId, "promotion:request");
  const actor = ctx.actor;
  const requesterId = actor.kind === "system" ? null : actor.userId;

  const artifact = await db.artifact.findUnique({ where: { id: input.artifactId }, select: { id: true, serviceId: true, version: true } });
  if (!artifact || artifact.serviceId !== environment.serviceId) throw notFound("Artifact");

  if (key && requesterId) {
    const existing = await db.promotion.findUnique({ where: { requestedById_idempotencyKey: { requestedById: requesterId, idempotencyKey: key } }, include: promotionInclude });
    if (existing) {
      if (existing.artifactId !== input.artifactId || existing.environmentId !== input.environmentId) {
        throw new AppError("conflict", "This Idempotency-Key was already used for a different promotion", { promotionId: existing.id });
      }
      return { promotion: toPromotionView(existing), created: false };
    }
  }
  const waiting = await db.promotion.findFirst({
    where: { environmentId: environment.id, artifactId: artifact.id, kind: "Promotion", status: { in: [...OPEN_STATUSES] } },
    include: promotionInclude,
  });
  if (waiting) return { promotion: toPromotionView(waiting), created: false };

  if (input.freezeOverrideReason && !can(actor, "freeze:override", resource)) {
    throw new AppError("forbidden", `You need the "freeze:override" permission on ${resource.kind === "global" ? "this environment" : resource.label} to promote through a freeze`, {
      missingPermission: "freeze:override",
    });
  }
  const policy = await checkPolicy({
    kind: "Promotion",
    artifactId: artifact.id,
    environment,
    requesterId,
    freezeOverridden: Boolean(input.freezeOverrideReason),
  });
  const hard = policy.blockers.filter((b) => b.code !== "approvals");
  if (hard.length > 0) {
    const frozenOnly = hard.every((b) => b.code === "freeze");
    throw new AppError(frozenOnly ? "frozen" : "policy_violation", `Cannot promote ${artifact.version} to ${environment.service.slug} / ${environment.name}: ${hard.map((b) => b.message).join("; ")}`, {
      blockers: hard,
    });
  }

  const now = new Date();
  const approved = policy.quorumMet;
  const outcome = await db.$transaction(async (tx) => {
    // Serialise requests for one environment so two clicks cannot both pass the "already waiting" check.
    await lockEnvironment(tx, environment.id);
    const raced = await tx.promotion.findFirst({
      where: {
        environmentId: environment.id,
        kind: "Promotion",
        status: { in: [...OPEN_STATUSES] },
        OR: [{ artifactId: artifact.id }, ...(key && requesterId ? [{ requestedById: requesterId, idempotencyKey: key }] : [])],
      },
      include: promotionInclude,
    });
    if (raced) return { row: raced, created: false };
    const row = await tx.promotion.create({
      data: {
        environmentId: environment.id,
        artifactId: artifact.id,
        kind: "Promotion",
        status: approved ? "Queued" : "PendingApproval",
        reason: input.reason,
        requestedById: requesterId,
        requestedByTokenId: actor.kind === "token" ? actor.tokenId : null,
        idempotencyKey: key && requesterId ? key : null,
        freezeOverrideReason: input.freezeOverrideReason ?? null,
        approvedAt: approved ? now : null,
        queuedAt: approved ? now : null,
      },
      include: promotionInclude,
    });
    const scope = { serviceId: environment.serviceId, environmentId: environment.id };
    await recordAudit(tx, ctx, {
      action: "promotion.request",
      targetType: "Promotion",
      targetId: row.id,
      ...scope,
      after: { artifact: artifact.version, environment: environment.name, status: row.status, reason: input.reason },
    });
    if (input.freezeOverrideReason) {
      await recordAudit(tx, ctx, { action: "freeze.override", targetType: "Promotion", targetId: row.id, ...scope, after: { reason: input.freezeOverrideReason } });
    }
    return { row, created: true };
  });
  if (outcome.created && approved) await enqueuePromotion(outcome.row.id);
  if (outcome.created) await notifyPromotionRequested(outcome.row.id, { awaitingApproval: !approved, freezeOverrideReason: input.freezeOverrideReason ?? null });
  return { promotion: toPromotionView(outcome.row), created: outcome.created };
}
