import { Download } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import type { DoraFilters } from "@/lib/domain/dora/dora-scope";
import type { DrilldownResult } from "@/lib/domain/dora/get-dora-drilldown";
import type { CommitDrillRow, DeploymentDrillRow, FailureDrillRow } from "@/lib/dora/drilldown-queries";
import { formatSeconds, formatWhen } from "./dora-format";
import { doraHref, type Detail } from "./dora-query";

const TABS: { detail: Detail; label: string; explains: string }[] = [
  { detail: "deployments", label: "Deployments", explains: "deployment frequency and change failure rate" },
  { detail: "commits", label: "Commits", explains: "lead time for changes" },
  { detail: "failures", label: "Failures and incidents", explains: "time to restore service" },
];

function OutcomeBadge({ row }: { row: DeploymentDrillRow }) {
  if (row.isRollback) return <Badge tone="neutral">Rollback{row.outcome === "RolledBack" ? ", undone" : ""}</Badge>;
  if (row.outcome === "Failed") return <Badge tone="danger">Failed</Badge>;
  if (row.outcome === "RolledBack") return <Badge tone="warning">Rolled back</Badge>;
  return <Badge tone="success">Succeeded</Badge>;
}

function DeploymentsTable({ rows }: { rows: DeploymentDrillRow[] }) {
  return (
    <Table label="Deployments behind the numbers">
      <TableHead>
        <tr>
          <TableHeaderCell>Finished</TableHeaderCell>
          <TableHeaderCell>Service</TableHeaderCell>
          <TableHeaderCell>Version</TableHeaderCell>
          <TableHeaderCell>Outcome</TableHeaderCell>
          <TableHeaderCell>Counts as</TableHeaderCell>
          <TableHeaderCell>Why it failed</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {rows.map((row) => {
          const reasons = [
            row.outcome === "Failed" && !row.isRollback ? "rollout failed" : null,
            row.outcome === "RolledBack" && !row.isRollback ? "rolled back" : null,
            row.failedVerification ? "failed verification" : null,
            ...row.incidents.map((i) => `incident: ${i.title}`),
          ].filter(Boolean);
          return (
            <TableRow key={row.id}>
              <TableCell className="font-mono text-xs">{formatWhen(row.finishedAt)}</TableCell>
              <TableCell>
                {row.service} <span className="text-zinc-500 dark:text-zinc-400">/ {row.environment}</span>
              </TableCell>
              <TableCell className="font-mono text-xs">{row.version}</TableCell>
              <TableCell>
                <OutcomeBadge row={row} />
              </TableCell>
              <TableCell className="text-xs">
                {row.isRollback ? (
                  <span className="text-zinc-600 dark:text-zinc-400">Restore, not a change</span>
                ) : (
                  <>
                    {row.successful ? "Deployment" : "Attempt"}
                    {row.failedChange && <span className="font-medium text-red-700 dark:text-red-400"> · failed change</span>}
                  </>
                )}
              </TableCell>
              <TableCell className="max-w-md truncate text-xs whitespace-normal text-zinc-700 dark:text-zinc-300">{row.isRollback ? "" : reasons.join("; ")}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

function CommitsTable({ rows }: { rows: CommitDrillRow[] }) {
  return (
    <Table label="Commits behind the lead time">
      <TableHead>
        <tr>
          <TableHeaderCell>Commit</TableHeaderCell>
          <TableHeaderCell>Service</TableHeaderCell>
          <TableHeaderCell>Author</TableHeaderCell>
          <TableHeaderCell>Committed</TableHeaderCell>
          <TableHeaderCell>First deployed</TableHeaderCell>
          <TableHeaderCell className="text-right">Lead time</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={`${row.service}/${row.sha}`}>
            <TableCell className="max-w-xs whitespace-normal">
              <code className="font-mono text-xs text-zinc-600 dark:text-zinc-400">{row.sha.slice(0, 10)}</code>{" "}
              <span className="text-xs">{row.message.split("\n")[0]}</span>
            </TableCell>
            <TableCell>{row.service}</TableCell>
            <TableCell className="text-xs">{row.authorName}</TableCell>
            <TableCell className="font-mono text-xs">{formatWhen(row.committedAt)}</TableCell>
            <TableCell className="font-mono text-xs">
              {formatWhen(row.deployedAt)} <span className="text-zinc-500 dark:text-zinc-400">({row.version})</span>
            </TableCell>
            <TableCell className="text-right tabular-nums">
              {row.excluded ? (
                <span title="Committed after it was deployed (clock skew or a rewritten history): left out" className="text-zinc-500 dark:text-zinc-400">
                  excluded
                </span>
              ) : (
                formatSeconds(row.leadTimeSeconds)
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

function FailuresTable({ rows }: { rows: FailureDrillRow[] }) {
  return (
    <Table label="Failures behind the time to restore">
      <TableHead>
        <tr>
          <TableHeaderCell>Started</TableHeaderCell>
          <TableHeaderCell>Failure</TableHeaderCell>
          <TableHeaderCell>Service</TableHeaderCell>
          <TableHeaderCell>Restored</TableHeaderCell>
          <TableHeaderCell className="text-right">Time to restore</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={`${row.kind}/${row.id}`}>
            <TableCell className="font-mono text-xs">{formatWhen(row.startedAt)}</TableCell>
            <TableCell className="max-w-md whitespace-normal">
              <Badge tone={row.kind === "incident" ? "warning" : "danger"} className="mr-1.5">
                {row.kind === "incident" ? "Incident" : "Deployment"}
              </Badge>
              {row.kind === "incident" ? (
                <Link href={`/incidents/${row.id}`} className="text-sm text-indigo-700 hover:underline dark:text-indigo-300">
                  {row.title}
                </Link>
              ) : (
                <span className="text-sm">{row.title}</span>
              )}
              {row.kind === "incident" && (
                <span className="block text-xs text-zinc-600 dark:text-zinc-400">{row.deployment ? `Linked to ${row.deployment.version}` : "Not linked to a deployment"}</span>
              )}
            </TableCell>
            <TableCell>
              {row.service}
              {row.environment && <span className="text-zinc-500 dark:text-zinc-400"> / {row.environment}</span>}
            </TableCell>
            <TableCell className="text-xs">
              {row.restoredAt ? (
                <>
                  <span className="font-mono">{formatWhen(row.restoredAt)}</span>
                  {row.restoredBy && (
                    <span className="block text-zinc-600 dark:text-zinc-400">
                      by {row.restoredBy.isRollback ? "rollback to" : "deploying"} {row.restoredBy.version}
                    </span>
                  )}
                </>
              ) : (
                <Badge tone="danger">Not restored</Badge>
              )}
            </TableCell>
            <TableCell className="text-right tabular-nums">{formatSeconds(row.restoreSeconds)}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** The rows behind the headline numbers, one tab per kind, with a CSV export of all of them. */
export function Drilldown({ filters, detail, result }: { filters: DoraFilters; detail: Detail; result: DrilldownResult }) {
  const tab = TABS.find((t) => t.detail === detail)!;
  return (
    <section id="drilldown" aria-labelledby="drilldown-heading" className="mt-8 scroll-mt-4">
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="drilldown-heading" className="text-base font-semibold text-zinc-900 dark:text-zinc-50">
            Behind the numbers
          </h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            {result.total === 0 ? "Nothing" : result.total.toLocaleString("en")} {result.total === 1 ? "row" : "rows"} behind {tab.explains}
            {result.total > result.rows.length && `, newest ${result.rows.length} shown`}.
          </p>
        </div>
        <a href={doraHref(`/api/v1/dora/${detail}`, filters, { format: "csv" })} className={buttonClasses({ size: "sm" })} download>
          <Download aria-hidden />
          Export {tab.label.toLowerCase()} (CSV)
        </a>
      </div>
      <nav aria-label="Drill-down" className="mb-3 flex flex-wrap gap-1 border-b border-zinc-200 dark:border-zinc-800">
        {TABS.map((t) => (
          <Link
            key={t.detail}
            href={doraHref("/dora", filters, t.detail === "deployments" ? {} : { detail: t.detail }, "#drilldown")}
            aria-current={t.detail === detail ? "page" : undefined}
            className={cn(
              "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
              t.detail === detail
                ? "border-indigo-600 text-indigo-700 dark:border-indigo-400 dark:text-indigo-300"
                : "border-transparent text-zinc-600 hover:text-zinc-900 dark:text-zinc-400 dark:hover:text-zinc-100",
            )}
          >
            {t.label}
          </Link>
        ))}
      </nav>
      {result.rows.length === 0 ? (
        <EmptyState title={`No ${tab.label.toLowerCase()} in this period`}>Pick a longer period or fewer filters.</EmptyState>
      ) : result.kind === "deployments" ? (
        <DeploymentsTable rows={result.rows} />
      ) : result.kind === "commits" ? (
        <CommitsTable rows={result.rows} />
      ) : (
        <FailuresTable rows={result.rows} />
      )}
    </section>
  );
}
