import { z } from "zod";
import { decidePromotion, decidePromotionInput } from "@/lib/domain/promotions/decide-promotion";
import { route } from "@/lib/http/route";

export const POST = route({ params: z.object({ id: z.uuid() }), body: decidePromotionInput }, async ({ ctx, params, body }) => ({
  promotion: await decidePromotion(ctx, params.id, body),
}));
