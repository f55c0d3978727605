import { z } from "zod";
import { abortPromotion, abortPromotionInput } from "@/lib/domain/promotions/abort-promotion";
import { route } from "@/lib/http/route";

export const POST = route({ params: z.object({ id: z.uuid() }), body: abortPromotionInput.optional() }, async ({ ctx, params, body }) => ({
  promotion: await abortPromotion(ctx, params.id, body ?? {}),
}));
