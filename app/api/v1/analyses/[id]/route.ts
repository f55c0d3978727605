import { z } from "zod";
import { getAnalysis } from "@/lib/domain/analyses/get-analysis";
import { route } from "@/lib/http/route";

/** One analysis with every metric's query, windows, samples, statistics and explanation. */
export const GET = route({ params: z.object({ id: z.uuid() }) }, async ({ ctx, params }) => ({ analysis: await getAnalysis(ctx, params.id) }));
