import { z } from "zod";
import { getService } from "@/lib/domain/services/get-service";
import { route } from "@/lib/http/route";

export const GET = route({ params: z.object({ service: z.string().min(1).max(100) }) }, async ({ ctx, params }) => ({ service: await getService(ctx, params.service) }));
