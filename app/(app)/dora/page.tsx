import { Download, Gauge, TriangleAlert } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { DoraCharts } from "@/components/dora/dora-charts";
import { DoraDefinitions } from "@/components/dora/dora-definitions";
import { DoraFilters } from "@/components/dora/dora-filters";
import { formatPercent, formatRate, formatSeconds } from "@/components/dora/dora-format";
import { doraHref, parseDetail } from "@/components/dora/dora-query";
import { Drilldown } from "@/components/dora/drilldown";
import { LevelBadge } from "@/components/dora/level-badge";
import { MetricCard } from "@/components/dora/metric-card";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageContext } from "@/lib/auth/page-actor";
import { listDoraFilterOptions, parseDoraFilters, PRODUCTION } from "@/lib/domain/dora/dora-scope";
import { getDoraDrilldown } from "@/lib/domain/dora/get-dora-drilldown";
import { getDoraReport, type DoraReport } from "@/lib/domain/dora/get-dora-report";
import { AppError } from "@/lib/http/errors";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "DORA" };

type SearchParams = Record<string, string | string[] | undefined>;

function periodWords(days: number) {
  const whole = Math.round(days);
  return `previous ${whole} ${whole === 1 ? "day" : "days"}`;
}

function plural(n: number, one: string, many = `${one}s`) {
  return `${n.toLocaleString("en")} ${n === 1 ? one : many}`;
}

function Headline({ report, drill }: { report: DoraReport; drill: (detail: string) => string }) {
  const { current, changes } = report;
  const previousLabel = periodWords(report.period.days);
  const f = current.deploymentFrequency;
  const lead = current.leadTime;
  const cfr = current.changeFailureRate;
  const ttr = current.timeToRestore;
  return (
    <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
      <MetricCard
        metric="deploymentFrequency"
        value={`${formatRate(f.deploymentsPerWeek)} / week`}
        level={f.level}
        detail={`${plural(f.deployments, "deployment")} · ${formatRate(f.deploymentsPerDay)} per day · ${formatRate(f.deployDaysPerWeek)} deploy-days a week`}
        change={changes.deploymentFrequency}
        previousLabel={previousLabel}
        drillHref={drill("deployments")}
        drillLabel="See the deployments"
      />
      <MetricCard
        metric="leadTime"
        value={formatSeconds(lead.medianSeconds)}
        level={lead.level}
        detail={
          lead.medianSeconds === null
            ? "No commit reached production in this period"
            : `median · p90 ${formatSeconds(lead.p90Seconds)} · ${plural(lead.commits, "commit")}${lead.excluded ? ` (${lead.excluded} excluded)` : ""}`
        }
        change={changes.leadTime}
        previousLabel={previousLabel}
        drillHref={drill("commits")}
        drillLabel="See the commits and their lead times"
      />
      <MetricCard
        metric="changeFailureRate"
        value={formatPercent(cfr.rate)}
        level={cfr.level}
        detail={cfr.changes === 0 ? "No production deployments in this period" : `${cfr.failedChanges} of ${plural(cfr.changes, "change")} failed`}
        change={changes.changeFailureRate}
        previousLabel={previousLabel}
        drillHref={drill("deployments")}
        drillLabel="See which failed and why"
      />
      <MetricCard
        metric="timeToRestore"
        value={formatSeconds(ttr.medianSeconds)}
        level={ttr.level}
        detail={
          ttr.failures === 0
            ? "No failures in this period"
            : `median of ${plural(ttr.restored, "restored failure")}${ttr.unresolved ? ` · ${ttr.unresolved} not restored yet` : ""}`
        }
        change={changes.timeToRestore}
        previousLabel={previousLabel}
        drillHref={drill("failures")}
        drillLabel="See the failures and incidents"
      />
    </div>
  );
}

export default async function DoraPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const { filters, invalid } = parseDoraFilters(params);
  const detail = parseDetail(params.detail);
  const ctx = await requirePageContext(doraHref("/dora", filters, detail === "deployments" ? {} : { detail }));
  const now = new Date();
  const options = await listDoraFilterOptions(ctx);

  let report: DoraReport | null = null;
  let drilldown: Awaited<ReturnType<typeof getDoraDrilldown>> | null = null;
  let problem: string | null = null;
  try {
    [report, drilldown] = await Promise.all([getDoraReport(ctx, filters, { now }), getDoraDrilldown(ctx, filters, detail, { now })]);
  } catch (error) {
    if (!(error instanceof AppError) || (error.status !== 404 && error.status !== 400)) throw error;
    problem = error.status === 404 ? `${error.message}: it does not exist or you cannot see it.` : error.message;
  }

  const scopeWords = report
    ? [
        report.scope.service ? report.scope.service.name : report.scope.team ? `Team ${report.scope.team.name}` : `All ${plural(report.scope.services, "service")} you can see`,
        report.scope.environment === PRODUCTION ? "production" : report.scope.environment,
        `${report.period.from} to ${report.period.to} (UTC)`,
      ].join(" · ")
    : null;

  return (
    <>
      <PageHeader
        title="DORA"
        description="Delivery performance from what actually ran: deployments, the commits they carried and the incidents that followed."
        meta={
          report && (
            <>
              <span>{scopeWords}</span>
              <span className="flex items-center gap-1.5">
                Overall <LevelBadge level={report.current.overall} />
              </span>
            </>
          )
        }
        actions={
          report && (
            <a href={doraHref("/api/v1/dora", filters, { format: "csv" })} className={buttonClasses({ size: "sm" })} download>
              <Download aria-hidden />
              Export CSV
            </a>
          )
        }
      />
      {invalid.length > 0 && (
        <p role="status" className="mb-4 flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-500/40 dark:bg-amber-500/10 dark:text-amber-200">
          <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
          Ignored an invalid {invalid.join(" and ")} filter in the address.
        </p>
      )}
      <DoraFilters filters={filters} options={options} period={report?.period ?? { from: filters.from ?? "", to: filters.to ?? "" }} now={now} />
      {problem || !report || !drilldown ? (
        <EmptyState
          icon={<Gauge />}
          title="These filters show nothing"
          action={
            <Link href="/dora" className={buttonClasses({ variant: "secondary" })}>
              Reset filters
            </Link>
          }
        >
          {problem}
        </EmptyState>
      ) : report.scope.services === 0 ? (
        <EmptyState icon={<Gauge />} title="No services to measure">
          DORA metrics cover the services you can see. Ask an administrator for access to a team or service.
        </EmptyState>
      ) : (
        <>
          <Headline report={report} drill={(d) => doraHref("/dora", filters, d === "deployments" ? {} : { detail: d }, "#drilldown")} />
          <section aria-labelledby="trends-heading" className="mt-8">
            <h2 id="trends-heading" className="mb-3 text-base font-semibold text-zinc-900 dark:text-zinc-50">
              Weekly trends
            </h2>
            <DoraCharts weekly={report.weekly} />
          </section>
          <Drilldown filters={filters} detail={detail} result={drilldown} />
          <DoraDefinitions thresholds={report.thresholds} />
        </>
      )}
    </>
  );
}
