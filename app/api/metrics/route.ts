import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { publicRoute } from "@/lib/http/route";
import { assertMetricsAccess } from "@/lib/observability/metrics-access";
import { EXPOSITION_CONTENT_TYPE, renderGantryMetrics } from "@/lib/observability/exposition";

export const dynamic = "force-dynamic";

/** Prometheus scrape target. Public route: it has its own bearer token (GANTRY_METRICS_TOKEN). */
export const GET = publicRoute({}, async ({ request }) => {
  assertMetricsAccess(request, env());
  const body = await renderGantryMetrics(getDb());
  return new Response(body, { status: 200, headers: { "content-type": EXPOSITION_CONTENT_TYPE, "cache-control": "no-store" } });
});
