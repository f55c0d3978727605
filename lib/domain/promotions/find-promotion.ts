import { authorize } from "@/lib/auth/authorize";
import type { Action } from "@/lib/auth/permissions";
import { environmentResource } from "@/lib/auth/resources";
import { db, type Tx } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";
import { notFound } from "@/lib/http/errors";

/** Loads a promotion with its environment and authorizes `action` on that environment. */
export async function findPromotionFor(ctx: DomainContext, promotionId: string, action: Action, reader: Tx | typeof db = db) {
  const promotion = await reader.promotion.findUnique({
    where: { id: promotionId },
    include: { environment: { include: { service: { select: { id: true, slug: true, name: true, teamId: true } } } }, artifact: { select: { id: true, version: true } } },
  });
  if (!promotion) throw notFound("Promotion");
  const resource = environmentResource(promotion.environment);
  authorize({ actor: ctx.actor, action, resource });
  return { promotion, resource };
}
