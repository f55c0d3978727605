import { z } from "zod";
import { doraFiltersSchema } from "@/lib/domain/dora/dora-scope";
import { getDoraReport } from "@/lib/domain/dora/get-dora-report";
import { periodsToCsv } from "@/lib/dora/csv";
import { route } from "@/lib/http/route";

const query = doraFiltersSchema.extend({ format: z.enum(["json", "csv"]).default("json") });

/** The four keys for the caller's visible services; `format=csv` gives the period and weekly rows. */
export const GET = route({ query }, async ({ ctx, query: { format, ...filters } }) => {
  const report = await getDoraReport(ctx, filters);
  if (format === "json") return report;
  const rows = [
    { label: "period", start: report.period.start, days: report.period.days, ...aggregatesOf(report.current), changeFailureRate: report.current.changeFailureRate.rate },
    ...report.weekly.map((w) => ({ ...w, label: "week", start: w.weekStart })),
  ];
  return new Response(periodsToCsv(rows), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="gantry-dora-${report.period.from}-${report.period.to}.csv"` },
  });
});

function aggregatesOf(summary: Awaited<ReturnType<typeof getDoraReport>>["current"]) {
  return {
    deployments: summary.deploymentFrequency.deployments,
    deployDays: summary.deploymentFrequency.deployDays,
    changes: summary.changeFailureRate.changes,
    failedChanges: summary.changeFailureRate.failedChanges,
    leadTimeCommits: summary.leadTime.commits,
    leadTimeExcluded: summary.leadTime.excluded,
    leadTimeMedianSeconds: summary.leadTime.medianSeconds,
    leadTimeP90Seconds: summary.leadTime.p90Seconds,
    failures: summary.timeToRestore.failures,
    restored: summary.timeToRestore.restored,
    restoreMedianSeconds: summary.timeToRestore.medianSeconds,
  };
}
