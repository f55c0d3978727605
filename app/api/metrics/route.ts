import { publicRoute } from "@/lib/http/route";
import { serveMetrics } from "@/lib/observability/serve-metrics";

export const dynamic = "force-dynamic";

/** Prometheus scrape target. Public route: it has its own bearer token (GANTRY_METRICS_TOKEN). */
export const GET = publicRoute({}, async ({ request }) => serveMetrics(request));
