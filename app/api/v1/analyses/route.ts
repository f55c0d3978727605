import { analysisFiltersSchema, listRecentAnalyses } from "@/lib/domain/analyses/list-analyses";
import { route } from "@/lib/http/route";

/**
 * Recent analyses of the services the caller can see, newest first. Filters: service (slug),
 * environment (name), verdict, status, promotion (id); paging with `limit` and `before` (the
 * last row's createdAt).
 */
export const GET = route({ query: analysisFiltersSchema }, async ({ ctx, query }) => ({ analyses: await listRecentAnalyses(ctx, query) }));
