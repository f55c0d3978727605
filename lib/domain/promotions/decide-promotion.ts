import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { lockPromotion } from "@/lib/db/row-locks";
import type { DomainContext } from "@/lib/domain/context";
import { AppError } from "@/lib/http/errors";
import { enqueuePromotion } from "@/lib/jobs/promotion-queue";
import { findPromotionFor } from "./find-promotion";
import { checkPolicy } from "./policy-context";
import { promotionInclude, toPromotionView } from "./promotion-view";

export const decidePromotionInput = z.object({
  decision: z.enum(["approve", "reject"]),
  comment: z.string().trim().max(2000).default(""),
});

export type DecidePromotionInput = z.input<typeof decidePromotionInput>;

/**
 * One person's approve/reject. The requester and the artifact's commit authors may not decide;
 * one person counts once (deciding again answers the recorded decision); any rejection rejects;
 * the approval that completes the quorum queues the promotion. Concurrent approvers are
 * serialised on the promotion row so the quorum is counted exactly once.
 */
export async function decidePromotion(ctx: DomainContext, promotionId: string, rawInput: DecidePromotionInput) {
  const input = decidePromotionInput.parse(rawInput);
  const { promotion } = await findPromotionFor(ctx, promotionId, "promotion:approve");
  const actor = ctx.actor;
  if (actor.kind !== "user" && actor.kind !== "token") throw new AppError("forbidden", "Approvals come from people");
  if (promotion.requestedById === actor.userId) {
    throw new AppError("forbidden", "You requested this promotion; approvals must come from someone else", { reason: "requester" });
  }
  const authored = await db.artifactCommit.count({ where: { artifactId: promotion.artifactId, authorEmail: actor.email.toLowerCase() } });
  if (authored > 0) {
    throw new AppError("forbidden", "You authored a commit in this artifact; approvals must come from someone else", { reason: "author" });
  }
  const decision = input.decision === "approve" ? "Approve" : "Reject";

  const outcome = await db.$transaction(async (tx) => {
    await lockPromotion(tx, promotionId);
    const current = await tx.promotion.findUniqueOrThrow({ where: { id: promotionId }, select: { status: true } });
    const previous = await tx.approval.findUnique({ where: { promotionId_userId: { promotionId, userId: actor.userId } } });
    if (previous) {
      if (previous.decision !== decision) {
        throw new AppError("conflict", `You already ${previous.decision === "Approve" ? "approved" : "rejected"} this promotion`, { decision: previous.decision });
      }
      return { queued: false };
    }
    if (current.status !== "PendingApproval") {
      throw new AppError("invalid_state", `This promotion is ${current.status} and no longer takes approvals`, { status: current.status });
    }
    await tx.approval.create({ data: { promotionId, userId: actor.userId, decision, comment: input.comment } });
    const scope = { serviceId: promotion.environment.serviceId, environmentId: promotion.environmentId };
    await recordAudit(tx, ctx, {
      action: decision === "Approve" ? "promotion.approve" : "promotion.reject",
      targetType: "Promotion",
      targetId: promotionId,
      ...scope,
      after: { decision, comment: input.comment },
    });
    const policy = await checkPolicy(
      { kind: promotion.kind, artifactId: promotion.artifactId, environment: promotion.environment, requesterId: promotion.requestedById, promotionId, freezeOverridden: Boolean(promotion.freezeOverrideReason) },
      tx,
    );
    const now = new Date();
    if (policy.rejected) {
      await tx.promotion.update({ where: { id: promotionId }, data: { status: "Rejected", finishedAt: now } });
      await recordAudit(tx, ctx, { action: "promotion.rejected", targetType: "Promotion", targetId: promotionId, ...scope, before: { status: "PendingApproval" }, after: { status: "Rejected" } });
      return { queued: false };
    }
    if (policy.quorumMet) {
      // Approved and handed to the queue in one step; soak/freeze are re-checked when it runs.
      await tx.promotion.update({ where: { id: promotionId }, data: { status: "Queued", approvedAt: now, queuedAt: now } });
      await recordAudit(tx, ctx, {
        action: "promotion.approved",
        targetType: "Promotion",
        targetId: promotionId,
        ...scope,
        before: { status: "PendingApproval" },
        after: { status: "Queued", approvals: policy.countedApprovals.map((a) => a.email) },
      });
      return { queued: true };
    }
    return { queued: false };
  });
  if (outcome.queued) await enqueuePromotion(promotionId);
  const view = await db.promotion.findUniqueOrThrow({ where: { id: promotionId }, include: promotionInclude });
  return toPromotionView(view);
}
