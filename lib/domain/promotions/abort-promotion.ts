import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { can } from "@/lib/auth/authorize";
import { db } from "@/lib/db/client";
import { lockPromotion } from "@/lib/db/row-locks";
import type { DomainContext } from "@/lib/domain/context";
import { AppError } from "@/lib/http/errors";
import { canTransition, isOpen } from "./lifecycle";
import { findPromotionFor } from "./find-promotion";
import { promotionInclude, toPromotionView } from "./promotion-view";

export const abortPromotionInput = z.object({ reason: z.string().trim().max(2000).default("") });

/**
 * Stops a promotion. Operators may abort any; a requester may withdraw their own while it has not
 * started. A running rollout is left where it is (the worker notices and closes the deployment);
 * aborting twice answers the same.
 */
export async function abortPromotion(ctx: DomainContext, promotionId: string, rawInput: z.input<typeof abortPromotionInput> = {}) {
  const input = abortPromotionInput.parse(rawInput);
  const { promotion, resource } = await findPromotionFor(ctx, promotionId, "service:read");
  const actor = ctx.actor;
  const ownRequest = actor.kind !== "system" && promotion.requestedById === actor.userId && isOpen(promotion.status);
  if (!ownRequest && !can(actor, "promotion:abort", resource)) {
    throw new AppError("forbidden", `You need the "promotion:abort" permission on ${resource.kind === "global" ? "this environment" : resource.label}`, { missingPermission: "promotion:abort" });
  }
  await db.$transaction(async (tx) => {
    await lockPromotion(tx, promotionId);
    const current = await tx.promotion.findUniqueOrThrow({ where: { id: promotionId }, select: { status: true } });
    if (current.status === "Aborted") return;
    if (!canTransition(current.status, "Aborted")) {
      throw new AppError("invalid_state", `A promotion that is ${current.status} cannot be aborted`, { status: current.status });
    }
    await tx.promotion.update({ where: { id: promotionId }, data: { status: "Aborted", finishedAt: new Date(), failureReason: input.reason || "aborted" } });
    await recordAudit(tx, ctx, {
      action: "promotion.abort",
      targetType: "Promotion",
      targetId: promotionId,
      serviceId: promotion.environment.serviceId,
      environmentId: promotion.environmentId,
      before: { status: current.status },
      after: { status: "Aborted", reason: input.reason },
    });
  });
  return toPromotionView(await db.promotion.findUniqueOrThrow({ where: { id: promotionId }, include: promotionInclude }));
}
