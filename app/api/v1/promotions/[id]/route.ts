import { z } from "zod";
import { getPromotion } from "@/lib/domain/promotions/get-promotion";
import { route } from "@/lib/http/route";

export const GET = route({ params: z.object({ id: z.uuid() }) }, async ({ ctx, params }) => getPromotion(ctx, params.id));
