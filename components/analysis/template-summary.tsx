import { ArrowUpRight } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import { JUDGE_CONFIG } from "@/lib/metrics/judge/config";
import type { AnalysisTemplate } from "@/lib/metrics/template";
import { DIRECTION_LABEL, formatTolerance } from "./analysis-format";

const NO_DATA_LABEL = { Inherit: "Environment’s policy", Inconclusive: "Inconclusive", Pass: "Ignore", Fail: "Fail" } as const;

/** An analysis template, read-only: what is measured and how strictly. Edited per environment in Settings. */
export function TemplateSummary({ template, headingId, settingsHref = "/settings/environments" }: { template: AnalysisTemplate; headingId: string; settingsHref?: string }) {
  return (
    <section aria-labelledby={headingId}>
      <div className="mb-2 flex flex-wrap items-end justify-between gap-2">
        <div>
          <h2 id={headingId} className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            Default analysis template
          </h2>
          <p className="mt-0.5 text-xs text-zinc-600 dark:text-zinc-400">
            What every verified environment measures until its template is edited. Queries every {template.stepSeconds} s; pass at{" "}
            {template.thresholds.pass}, marginal from {template.thresholds.marginal}; α = {template.alpha ?? JUDGE_CONFIG.alpha}.
          </p>
        </div>
        <Link href={settingsHref} className="inline-flex items-center gap-1 text-xs font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          Edit per environment in Settings → Environments
          <ArrowUpRight aria-hidden className="size-3" />
        </Link>
      </div>
      <ul className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white shadow-xs sm:hidden dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900">
        {template.metrics.map((metric) => (
          <li key={metric.name} className="px-4 py-3">
            <p className="flex items-center gap-2 text-sm font-medium text-zinc-900 dark:text-zinc-100">
              {metric.name}
              {metric.critical && <Badge tone="warning">Critical</Badge>}
            </p>
            <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">
              {DIRECTION_LABEL[metric.direction]} · tolerance {formatTolerance(metric.tolerance, metric.direction)} · at least {metric.minSamples} samples · no data:{" "}
              {NO_DATA_LABEL[metric.noData].toLowerCase()}
            </p>
            <code className="mt-1.5 block font-mono text-[11px] leading-relaxed break-all text-zinc-700 dark:text-zinc-300">{metric.query}</code>
          </li>
        ))}
      </ul>
      <div className="hidden sm:block">
        <Table label="Default analysis template">
          <TableHead>
            <tr>
              <TableHeaderCell>Metric</TableHeaderCell>
              <TableHeaderCell>Direction</TableHeaderCell>
              <TableHeaderCell className="text-right">Tolerance</TableHeaderCell>
              <TableHeaderCell className="text-right">Min samples</TableHeaderCell>
              <TableHeaderCell>No data</TableHeaderCell>
              <TableHeaderCell>Query</TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {template.metrics.map((metric) => (
              <TableRow key={metric.name}>
                <TableCell>
                  <span className="flex items-center gap-2 font-medium text-zinc-900 dark:text-zinc-100">
                    {metric.name}
                    {metric.critical && <Badge tone="warning">Critical</Badge>}
                  </span>
                </TableCell>
                <TableCell className="text-zinc-700 dark:text-zinc-300">{DIRECTION_LABEL[metric.direction]}</TableCell>
                <TableCell className="text-right font-mono text-xs text-zinc-700 dark:text-zinc-300">{formatTolerance(metric.tolerance, metric.direction)}</TableCell>
                <TableCell className="text-right font-mono text-xs text-zinc-700 dark:text-zinc-300">{metric.minSamples}</TableCell>
                <TableCell className="text-zinc-700 dark:text-zinc-300">{NO_DATA_LABEL[metric.noData]}</TableCell>
                <TableCell className="min-w-[20rem]" style={{ whiteSpace: "normal" }}>
                  <code className="block font-mono text-[11px] leading-relaxed break-all text-zinc-700 dark:text-zinc-300">{metric.query}</code>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}
