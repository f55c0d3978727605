import { z } from "zod";
import { listPromotions, promotionFiltersSchema } from "@/lib/domain/promotions/list-promotions";
import { requestPromotion, requestPromotionInput } from "@/lib/domain/promotions/request-promotion";
import { route } from "@/lib/http/route";

export const GET = route({ query: promotionFiltersSchema }, async ({ ctx, query }) => ({ promotions: await listPromotions(ctx, query) }));

/** `Idempotency-Key` makes a retried or double-clicked request answer the first one (200 instead of 201). */
export const POST = route({ body: requestPromotionInput }, async ({ ctx, body, request }) => {
  const key = request.headers.get("idempotency-key");
  const parsedKey = z.string().max(200).nullable().parse(key);
  const { promotion, created } = await requestPromotion(ctx, body, parsedKey);
  return Response.json({ promotion }, { status: created ? 201 : 200 });
});
