import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { EXPOSITION_CONTENT_TYPE, renderGantryMetrics } from "./exposition";
import { assertMetricsAccess } from "./metrics-access";

/** One scrape, as /api/metrics (web) and a worker's /metrics answer it: same access rule, same exposition. Throws AppError when refused. */
export async function serveMetrics(request: Request): Promise<Response> {
  assertMetricsAccess(request, env());
  const body = await renderGantryMetrics(getDb());
  return new Response(body, { status: 200, headers: { "content-type": EXPOSITION_CONTENT_TYPE, "cache-control": "no-store" } });
}
