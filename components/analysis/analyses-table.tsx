import Link from "next/link";
import { cn } from "@/components/ui/cn";
import { Digest } from "@/components/ui/digest";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import type { AnalysisListItem } from "@/lib/domain/analyses/analysis-view";
import { formatScore, isOpen } from "./analysis-format";
import { VerdictBadge } from "./verdict-badge";

/** The list's one-line reason: what got worse, or the judge's summary when nothing did. */
export function why(analysis: Pick<AnalysisListItem, "status" | "verdict" | "failingMetrics" | "metricCount" | "summary">): string {
  if (isOpen(analysis)) return "Canary window open";
  if (analysis.failingMetrics.length > 0) return `${analysis.failingMetrics.join(", ")} got worse`;
  if (analysis.verdict === "Pass" && analysis.metricCount > 0) return `All ${analysis.metricCount} metrics within tolerance`;
  return analysis.summary || "—";
}

/** Recent analyses, one row each: the verdict, where and what was verified, the score and why. */
export function AnalysesTable({ analyses, now }: { analyses: AnalysisListItem[]; now: Date }) {
  return (
    <Table label="Recent analyses">
      <TableHead>
        <tr>
          <TableHeaderCell>Verdict</TableHeaderCell>
          <TableHeaderCell>Service</TableHeaderCell>
          <TableHeaderCell>Environment</TableHeaderCell>
          <TableHeaderCell>Version</TableHeaderCell>
          <TableHeaderCell className="text-right">Score</TableHeaderCell>
          <TableHeaderCell>Why</TableHeaderCell>
          <TableHeaderCell className="text-right">Judged</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {analyses.map((analysis) => {
          const open = isOpen(analysis);
          return (
            <TableRow key={analysis.id}>
              <TableCell>
                <Link href={`/analyses/${analysis.id}`} className="rounded-md focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500" aria-label={`${analysis.verdict ?? (open ? "Open" : analysis.status)} analysis of ${analysis.service.slug} ${analysis.artifact.version} in ${analysis.environment.name}`}>
                  <VerdictBadge analysis={analysis} />
                </Link>
              </TableCell>
              <TableCell>
                <span className="font-medium text-zinc-900 dark:text-zinc-100">{analysis.service.name}</span>
              </TableCell>
              <TableCell className="text-zinc-700 dark:text-zinc-300">{analysis.environment.name}</TableCell>
              <TableCell>
                <Link href={`/analyses/${analysis.id}`} className="font-mono text-[13px] font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                  {analysis.artifact.version}
                </Link>{" "}
                <Digest value={analysis.artifact.imageDigest} className="ml-1" />
              </TableCell>
              <TableCell className="text-right font-mono text-zinc-700 tabular-nums dark:text-zinc-300">{formatScore(analysis.score)}</TableCell>
              <TableCell className="max-w-[22rem] text-zinc-600 dark:text-zinc-400">
                <span
                  className={cn(
                    "block truncate",
                    analysis.failingMetrics.length > 0 && analysis.verdict === "Fail" && "text-red-700 dark:text-red-400",
                    analysis.failingMetrics.length > 0 && analysis.verdict === "Marginal" && "text-amber-800 dark:text-amber-300",
                  )}
                  title={analysis.summary || undefined}
                >
                  {why(analysis)}
                </span>
              </TableCell>
              <TableCell className="text-right text-zinc-600 dark:text-zinc-400">
                {open ? (
                  <span>
                    due <RelativeTime date={new Date(analysis.canaryEnd)} now={now} />
                  </span>
                ) : (
                  <RelativeTime date={new Date(analysis.finishedAt ?? analysis.createdAt)} now={now} />
                )}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
