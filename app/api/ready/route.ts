import { getDb } from "@/lib/db/client";
import { publicRoute } from "@/lib/http/route";
import { checkReadiness } from "@/lib/observability/readiness";

export const dynamic = "force-dynamic";

/** Readiness probe: the database answers and every shipped migration is applied. Reveals no configuration. */
export const GET = publicRoute({}, async () => {
  const readiness = await checkReadiness(getDb());
  return Response.json(readiness, { status: readiness.status === "ready" ? 200 : 503, headers: { "cache-control": "no-store" } });
});
