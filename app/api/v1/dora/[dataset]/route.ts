import { z } from "zod";
import { doraFiltersSchema } from "@/lib/domain/dora/dora-scope";
import { DRILLDOWN_EXPORT_LIMIT, drilldownKindSchema, getDoraDrilldown } from "@/lib/domain/dora/get-dora-drilldown";
import { commitsToCsv, deploymentsToCsv, failuresToCsv } from "@/lib/dora/csv";
import { route } from "@/lib/http/route";

const params = z.object({ dataset: drilldownKindSchema });
const query = doraFiltersSchema.extend({
  format: z.enum(["json", "csv"]).default("json"),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/**
 * The rows behind the DORA numbers: `deployments` (frequency, change failure rate), `commits`
 * (lead time) or `failures` (time to restore), newest first. CSV exports up to 50 000 rows and
 * reports the full count in `x-total-count`.
 */
export const GET = route({ params, query }, async ({ ctx, params, query: { format, limit, ...filters } }) => {
  const result = await getDoraDrilldown(ctx, filters, params.dataset, { limit: format === "csv" ? DRILLDOWN_EXPORT_LIMIT : limit });
  if (format === "json") return result;
  const csv = result.kind === "deployments" ? deploymentsToCsv(result.rows) : result.kind === "commits" ? commitsToCsv(result.rows) : failuresToCsv(result.rows);
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="gantry-dora-${result.kind}-${result.period.from}-${result.period.to}.csv"`,
      "x-total-count": String(result.total),
    },
  });
});
