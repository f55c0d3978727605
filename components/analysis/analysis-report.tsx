import { CircleAlert, CircleCheck, CircleHelp, Hourglass, RotateCcw, ShieldAlert, TriangleAlert } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import { formatAbsoluteTime } from "@/components/ui/format";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import type { AnalysisDetail, AnalysisMetricView, TemplateMetricView } from "@/lib/domain/analyses/analysis-view";
import { JUDGE_CONFIG } from "@/lib/metrics/judge/config";
import { formatValue } from "@/lib/metrics/judge/format";
import {
  consequence,
  DIRECTION_LABEL,
  formatDuration,
  formatEffect,
  formatPValue,
  formatCompactValue,
  formatScore,
  formatTolerance,
  formatWindow,
  isOpen,
  noDataDetail,
  openPhase,
  unitNote,
  VERDICT_DISPLAY,
} from "./analysis-format";
import { DistributionPlot } from "./distribution-plot";
import { EffectGauge } from "./effect-gauge";
import { MetricChart } from "./metric-chart";
import { MetricStatusBadge, VerdictBadge } from "./verdict-badge";

type HeadingLevel = 2 | 3 | 4;

function Heading({ level, id, className, children }: { level: HeadingLevel | 5; id?: string; className?: string; children: ReactNode }) {
  const Tag = (["h2", "h3", "h4", "h5"] as const)[level - 2]!;
  return (
    <Tag id={id} className={className}>
      {children}
    </Tag>
  );
}

const failingStatus = (metric: { status: string }) => metric.status === "High" || metric.status === "Low";

function slug(value: string) {
  return value.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "") || "metric";
}

function metricAnchor(analysisId: string, name: string) {
  return `metric-${analysisId.slice(0, 8)}-${slug(name)}`;
}

const CALLOUT = {
  danger: "border-red-200 bg-red-50 text-red-950 dark:border-red-500/30 dark:bg-red-500/10 dark:text-red-100 [&>svg]:text-red-600 dark:[&>svg]:text-red-400",
  warning: "border-amber-200 bg-amber-50 text-amber-950 dark:border-amber-500/30 dark:bg-amber-500/10 dark:text-amber-100 [&>svg]:text-amber-600 dark:[&>svg]:text-amber-400",
  success: "border-emerald-200 bg-emerald-50 text-emerald-950 dark:border-emerald-500/30 dark:bg-emerald-500/10 dark:text-emerald-100 [&>svg]:text-emerald-600 dark:[&>svg]:text-emerald-400",
  info: "border-indigo-200 bg-indigo-50 text-indigo-950 dark:border-indigo-500/30 dark:bg-indigo-500/10 dark:text-indigo-100 [&>svg]:text-indigo-600 dark:[&>svg]:text-indigo-400",
  neutral: "border-zinc-200 bg-zinc-50 text-zinc-900 dark:border-zinc-700 dark:bg-zinc-800/40 dark:text-zinc-100 [&>svg]:text-zinc-500",
};

function Callout({ tone, icon, children, className }: { tone: keyof typeof CALLOUT; icon: ReactNode; children: ReactNode; className?: string }) {
  return (
    <div className={cn("flex items-start gap-2.5 rounded-md border px-3 py-2.5 text-sm [&>svg]:mt-0.5 [&>svg]:size-4 [&>svg]:shrink-0", CALLOUT[tone], className)}>
      {icon}
      <div className="min-w-0 break-words">{children}</div>
    </div>
  );
}

/**
 * The evidence of one release verification: the verdict with its score and reason, the two
 * windows, and per metric the statistics, the sentence why, the samples over time and both
 * distributions. Hook-free, so it renders on the server or inside a client component alike
 * (LiveAnalysisReport wraps it to refresh while the analysis is open); only the time-series
 * charts are client components.
 */
export function AnalysisReport({
  analysis,
  now = new Date(),
  headingLevel = 2,
  collapsePassing = false,
}: {
  analysis: AnalysisDetail;
  now?: Date;
  headingLevel?: HeadingLevel;
  /** Fold the passing metrics' details away (where the report shares a page, e.g. the promotion's). */
  collapsePassing?: boolean;
}) {
  const sub = (headingLevel + 1) as HeadingLevel | 5;
  const folded = collapsePassing ? analysis.metrics.filter((m) => m.status === "Pass") : [];
  const shown = analysis.metrics.filter((m) => !folded.includes(m));
  return (
    <div className="@container flex flex-col gap-5" data-analysis-id={analysis.id}>
      <VerdictPanel analysis={analysis} now={now} headingLevel={headingLevel} />
      {isOpen(analysis) ? (
        <OpenPanel analysis={analysis} now={now} headingLevel={headingLevel} />
      ) : analysis.metrics.length === 0 ? (
        <Callout tone="neutral" icon={<CircleHelp aria-hidden />}>
          {analysis.status === "Errored"
            ? "No metric could be measured, so there is no per-metric evidence. The summary above says what went wrong."
            : "This analysis recorded no metric results."}
        </Callout>
      ) : (
        <>
          <MetricsOverview analysis={analysis} headingLevel={headingLevel} />
          {shown.map((metric) => (
            <MetricSection key={metric.name} analysis={analysis} metric={metric} headingLevel={sub} />
          ))}
          {folded.length > 0 && (
            <details className="group">
              <summary className="cursor-pointer rounded-md text-sm font-medium text-indigo-700 select-none hover:underline dark:text-indigo-300">
                <span className="group-open:hidden">Show</span>
                <span className="hidden group-open:inline">Hide</span> the {folded.length} passing metric{folded.length === 1 ? "" : "s"}
              </summary>
              <div className="mt-3 flex flex-col gap-5">
                {folded.map((metric) => (
                  <MetricSection key={metric.name} analysis={analysis} metric={metric} headingLevel={sub} />
                ))}
              </div>
            </details>
          )}
        </>
      )}
    </div>
  );
}

function VerdictPanel({ analysis, now, headingLevel }: { analysis: AnalysisDetail; now: Date; headingLevel: HeadingLevel }) {
  const thresholds = analysis.template.thresholds ?? { pass: JUDGE_CONFIG.passScore, marginal: JUDGE_CONFIG.marginalScore };
  const verdict = analysis.verdict ? VERDICT_DISPLAY[analysis.verdict] : null;
  const then = consequence(analysis);
  const failing = analysis.metrics.filter(failingStatus);
  const headingId = `verdict-${analysis.id.slice(0, 8)}`;
  const accent = {
    Pass: "before:bg-emerald-500",
    Marginal: "before:bg-amber-500",
    Fail: "before:bg-red-500",
    Inconclusive: "before:bg-zinc-400",
  }[analysis.verdict ?? "Inconclusive"];

  return (
    <Card
      role="region"
      aria-labelledby={headingId}
      className={cn("relative overflow-hidden before:absolute before:inset-y-0 before:left-0 before:w-1", isOpen(analysis) ? "before:bg-indigo-500" : accent)}
    >
      <div className="flex flex-col gap-4 p-4 @xl:flex-row @xl:items-start @xl:justify-between @xl:p-5">
        <div className="min-w-0 flex-1">
          <div className="flex flex-wrap items-center gap-2">
            <Heading level={headingLevel} id={headingId} className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
              Verification verdict
            </Heading>
            <VerdictBadge analysis={analysis} className="text-sm" />
            {failing.length > 0 && (
              <span className="text-xs text-zinc-600 dark:text-zinc-400">
                {failing.length} of {analysis.metrics.length} metrics failed
              </span>
            )}
          </div>
          <p className="mt-2 text-[15px] leading-relaxed text-zinc-800 dark:text-zinc-200">
            {analysis.summary ||
              (isOpen(analysis) ? "The canary window is still open: the release is judged when it ends." : (verdict?.meaning ?? "No summary was recorded."))}
          </p>
          {then && (
            <Callout
              className="mt-3"
              tone={analysis.verdict === "Fail" ? "danger" : analysis.verdict === "Marginal" ? "warning" : "neutral"}
              icon={analysis.promotion?.status === "RolledBack" ? <RotateCcw aria-hidden /> : <TriangleAlert aria-hidden />}
            >
              {then}
              {analysis.rollback && (
                <>
                  {" "}
                  <Link href={`/promotions/${analysis.rollback.promotionId}`} className="font-medium underline underline-offset-2">
                    View the rollback
                  </Link>
                </>
              )}
            </Callout>
          )}
        </div>
        {!isOpen(analysis) && (
          <div className="flex shrink-0 items-stretch gap-3 @xl:flex-col @xl:items-end @xl:text-right">
            <div>
              <p className="text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Score</p>
              <p className="font-mono text-3xl font-semibold tabular-nums text-zinc-900 dark:text-zinc-50">
                {formatScore(analysis.score)}
                {analysis.score !== null && <span className="text-base font-normal text-zinc-500 dark:text-zinc-400">/100</span>}
              </p>
            </div>
            <p className="self-end text-xs text-zinc-600 @xl:self-auto dark:text-zinc-400">
              Pass ≥ {thresholds.pass} · Marginal ≥ {thresholds.marginal}
            </p>
          </div>
        )}
      </div>
      <Windows analysis={analysis} now={now} />
    </Card>
  );
}

function Windows({ analysis, now }: { analysis: AnalysisDetail; now: Date }) {
  const t = (iso: string) => Date.parse(iso);
  const baselineMs = t(analysis.baseline.end) - t(analysis.baseline.start);
  const rolloutMs = Math.max(0, t(analysis.canary.start) - t(analysis.deployment.startedAt));
  const canaryMs = t(analysis.canary.end) - t(analysis.canary.start);
  const total = Math.max(1, baselineMs + rolloutMs + canaryMs);
  const share = (ms: number) => `${Math.max(4, (ms / total) * 100)}%`;
  const items = [
    { label: "Baseline", detail: `${formatWindow(analysis.baseline, true)}`, length: formatDuration(baselineMs), note: "before the deployment", swatch: "bg-slate-400 dark:bg-slate-500" },
    { label: "Rollout", detail: `started ${formatAbsoluteTime(new Date(analysis.deployment.startedAt))}`, length: formatDuration(rolloutMs), note: "not judged", swatch: "bg-zinc-200 dark:bg-zinc-700" },
    { label: "Canary", detail: formatWindow(analysis.canary, true), length: formatDuration(canaryMs), note: "after the rollout", swatch: "bg-indigo-500 dark:bg-indigo-400" },
  ];
  return (
    <div className="border-t border-zinc-200 px-4 py-3 @xl:px-5 dark:border-zinc-800">
      <div aria-hidden className="flex h-1.5 gap-0.5 overflow-hidden rounded-full">
        <span className="bg-slate-400 dark:bg-slate-500" style={{ width: share(baselineMs) }} />
        <span className="bg-zinc-200 dark:bg-zinc-700" style={{ width: share(rolloutMs) }} />
        <span className="bg-indigo-500 dark:bg-indigo-400" style={{ width: share(canaryMs) }} />
      </div>
      <dl className="mt-3 grid gap-3 text-xs @xl:grid-cols-3">
        {items.map((item) => (
          <div key={item.label} className="min-w-0">
            <dt className="flex items-center gap-1.5 font-medium text-zinc-700 dark:text-zinc-300">
              <span aria-hidden className={cn("inline-block size-2 rounded-full", item.swatch)} />
              {item.label}
              <span className="font-normal text-zinc-500 dark:text-zinc-400">
                · {item.length}, {item.note}
              </span>
            </dt>
            <dd className="mt-0.5 font-mono text-zinc-600 dark:text-zinc-400">{item.detail}</dd>
          </div>
        ))}
      </dl>
      {analysis.finishedAt && (
        <p className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">
          Judged <RelativeTime date={new Date(analysis.finishedAt)} now={now} />
          {analysis.template.alpha !== null && analysis.template.alpha !== JUDGE_CONFIG.alpha && <> · significance level α = {analysis.template.alpha}</>}
        </p>
      )}
    </div>
  );
}

function OpenPanel({ analysis, now, headingLevel }: { analysis: AnalysisDetail; now: Date; headingLevel: HeadingLevel }) {
  const phase = openPhase(analysis, now);
  const judgeAt = new Date(analysis.canary.end);
  const id = `pending-${analysis.id.slice(0, 8)}`;
  return (
    <Card role="region" aria-labelledby={id}>
      <div className="border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <Heading level={headingLevel} id={id} className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
          {phase.phase === "collecting" ? "Collecting canary samples" : "Judging"}
        </Heading>
      </div>
      <div className="flex flex-col gap-4 p-4">
        <Callout tone="info" icon={<Hourglass aria-hidden />}>
          {phase.phase === "collecting" ? (
            <>
              The release is judged at <time dateTime={judgeAt.toISOString()} className="font-medium">{formatAbsoluteTime(judgeAt)}</time> (
              <RelativeTime date={judgeAt} now={now} />
              ), when the canary window ends. This page updates by itself.
            </>
          ) : (
            <>The canary window closed {formatAbsoluteTime(judgeAt)}; the judge is comparing the windows now. This page updates by itself.</>
          )}
        </Callout>
        {phase.phase === "collecting" && (
          <div>
            <div className="flex justify-between text-xs text-zinc-600 dark:text-zinc-400">
              <span>Canary window</span>
              <span className="font-mono tabular-nums" suppressHydrationWarning>
                {Math.round(phase.progress * 100)}%
              </span>
            </div>
            <div
              role="progressbar"
              aria-label="Canary window elapsed"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(phase.progress * 100)}
              className="mt-1 h-1.5 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
              suppressHydrationWarning
            >
              <div className="h-full rounded-full bg-indigo-500 transition-[width] duration-1000" style={{ width: `${phase.progress * 100}%` }} suppressHydrationWarning />
            </div>
          </div>
        )}
        {analysis.template.metrics.length > 0 && (
          <div>
            <p className="text-sm text-zinc-700 dark:text-zinc-300">Metrics that will be compared:</p>
            <ul className="mt-2 divide-y divide-zinc-100 rounded-md border border-zinc-200 text-sm dark:divide-zinc-800 dark:border-zinc-800">
              {analysis.template.metrics.map((metric) => (
                <PendingMetric key={metric.name} metric={metric} />
              ))}
            </ul>
          </div>
        )}
      </div>
    </Card>
  );
}

function PendingMetric({ metric }: { metric: TemplateMetricView }) {
  return (
    <li className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 px-3 py-2">
      <span className="flex items-center gap-2 font-medium text-zinc-900 dark:text-zinc-100">
        {metric.name}
        {metric.critical && <CriticalBadge />}
      </span>
      <span className="text-xs text-zinc-600 dark:text-zinc-400">
        {DIRECTION_LABEL[metric.direction]} · tolerance {formatTolerance(metric.tolerance, metric.direction)}
      </span>
    </li>
  );
}

function CriticalBadge() {
  return (
    <Badge tone="warning" icon={<ShieldAlert aria-hidden />} title="A critical metric that fails fails the whole release">
      Critical
    </Badge>
  );
}

function MetricsOverview({ analysis, headingLevel }: { analysis: AnalysisDetail; headingLevel: HeadingLevel }) {
  const id = `overview-${analysis.id.slice(0, 8)}`;
  const alpha = analysis.template.alpha ?? JUDGE_CONFIG.alpha;
  return (
    <section aria-labelledby={id}>
      <div className="mb-2 flex flex-wrap items-baseline justify-between gap-2">
        <Heading level={headingLevel} id={id} className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
          Metrics
        </Heading>
        <p className="text-xs text-zinc-600 dark:text-zinc-400">Mann-Whitney U test at α = {alpha}; effect = Hodges-Lehmann shift ÷ baseline median</p>
      </div>
      <Table label="Metric results">
        <TableHead>
          <tr>
            <TableHeaderCell>Metric</TableHeaderCell>
            <TableHeaderCell>Result</TableHeaderCell>
            <TableHeaderCell>Effect</TableHeaderCell>
            <TableHeaderCell className="text-right">Tolerance</TableHeaderCell>
            <TableHeaderCell className="text-right">p-value</TableHeaderCell>
            <TableHeaderCell className="text-right">Baseline median</TableHeaderCell>
            <TableHeaderCell className="text-right">Canary median</TableHeaderCell>
            <TableHeaderCell className="text-right">Samples</TableHeaderCell>
          </tr>
        </TableHead>
        <TableBody>
          {analysis.metrics.map((metric) => {
            const failing = failingStatus(metric);
            return (
              <TableRow key={metric.name}>
                <TableCell>
                  <span className="flex items-center gap-2">
                    <a href={`#${metricAnchor(analysis.id, metric.name)}`} className="font-medium text-zinc-900 hover:underline dark:text-zinc-100">
                      {metric.name}
                    </a>
                    {metric.critical && <CriticalBadge />}
                  </span>
                </TableCell>
                <TableCell>
                  <MetricStatusBadge status={metric.status} />
                </TableCell>
                <TableCell>
                  <span className="flex items-center gap-2">
                    <EffectGauge effect={metric.effect} tolerance={metric.tolerance} direction={metric.direction} failing={failing} />
                    <span className={cn("font-mono text-xs tabular-nums", failing ? "font-semibold text-red-700 dark:text-red-400" : "text-zinc-700 dark:text-zinc-300")}>
                      {metric.status === "NoData" ? "—" : formatEffect(metric.effect, metric)}
                    </span>
                  </span>
                </TableCell>
                <TableCell className="text-right font-mono text-xs text-zinc-700 dark:text-zinc-300">{formatTolerance(metric.tolerance, metric.direction)}</TableCell>
                <TableCell className="text-right font-mono text-xs text-zinc-700 dark:text-zinc-300">{formatPValue(metric.pValue)}</TableCell>
                <TableCell className="text-right font-mono text-xs text-zinc-700 dark:text-zinc-300">{formatValue(metric.baseline.summary.median, metric.unit)}</TableCell>
                <TableCell className={cn("text-right font-mono text-xs", failing ? "font-semibold text-red-700 dark:text-red-400" : "text-zinc-700 dark:text-zinc-300")}>
                  {formatValue(metric.canary.summary.median, metric.unit)}
                </TableCell>
                <TableCell className="text-right font-mono text-xs text-zinc-600 dark:text-zinc-400">
                  {metric.baseline.summary.n} / {metric.canary.summary.n}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </section>
  );
}

function Stat({ label, children, hint }: { label: string; children: ReactNode; hint?: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-xs text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="mt-0.5 font-mono text-sm text-zinc-900 tabular-nums dark:text-zinc-100">{children}</dd>
      {hint && <dd className="text-xs text-zinc-500 dark:text-zinc-400">{hint}</dd>}
    </div>
  );
}

function WindowStats({ label, summary, unit, swatch }: { label: string; summary: AnalysisMetricView["baseline"]["summary"]; unit: AnalysisMetricView["unit"]; swatch: string }) {
  const note = unitNote(unit);
  return (
    <div className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
      <p className="flex items-center gap-1.5 text-xs font-medium text-zinc-700 dark:text-zinc-300">
        <span aria-hidden className={cn("inline-block size-2 rounded-full", swatch)} />
        {label}
        {note && <span className="font-normal text-zinc-500 dark:text-zinc-400">· {note}</span>}
      </p>
      <dl className="mt-2 grid grid-cols-3 gap-2">
        <Stat label="median">{formatCompactValue(summary.median, unit)}</Stat>
        <Stat label="p95">{formatCompactValue(summary.p95, unit)}</Stat>
        <Stat label="samples" hint={summary.dropped ? `${summary.dropped} dropped` : undefined}>
          {summary.n}
        </Stat>
      </dl>
    </div>
  );
}

function MetricSection({ analysis, metric, headingLevel }: { analysis: AnalysisDetail; metric: AnalysisMetricView; headingLevel: HeadingLevel | 5 }) {
  const id = metricAnchor(analysis.id, metric.name);
  const failing = failingStatus(metric);
  const hasSamples = metric.baseline.samples.length + metric.canary.samples.length > 0;
  const alpha = analysis.template.alpha ?? JUDGE_CONFIG.alpha;
  return (
    <Card role="region" aria-labelledby={`${id}-title`} id={id} className={cn("scroll-mt-20", failing && "border-red-300 dark:border-red-500/40")}>
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          <Heading level={headingLevel} id={`${id}-title`} className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            {metric.name}
          </Heading>
          <MetricStatusBadge status={metric.status} />
          {metric.critical && <CriticalBadge />}
        </div>
        <p className="text-xs text-zinc-600 dark:text-zinc-400">
          {DIRECTION_LABEL[metric.direction]} · tolerance {formatTolerance(metric.tolerance, metric.direction)}
        </p>
      </div>
      <div className="flex flex-col gap-4 p-4">
        <Callout
          tone={failing ? "danger" : metric.status === "NoData" ? "neutral" : "success"}
          icon={failing ? <CircleAlert aria-hidden /> : metric.status === "NoData" ? <CircleHelp aria-hidden /> : <CircleCheck aria-hidden />}
        >
          <p data-testid="metric-explanation">{metric.explanation}</p>
          {metric.status === "NoData" && <p className="mt-1 opacity-90">{noDataDetail(metric, analysis.environment.noDataPolicy)}</p>}
        </Callout>

        <div className="grid gap-5 @4xl:grid-cols-[minmax(0,1fr)_17rem]">
          <div className="flex min-w-0 flex-col gap-4">
            {hasSamples ? (
              <MetricChart
                metric={metric}
                baselineWindow={analysis.baseline}
                canaryWindow={analysis.canary}
                deploymentStart={analysis.deployment.startedAt}
                failing={failing}
              />
            ) : (
              <div className="flex h-40 items-center justify-center rounded-md border border-dashed border-zinc-300 px-4 text-center text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
                No samples were returned for either window, so there is nothing to plot.
              </div>
            )}
            {hasSamples && (
              <div>
                <p className="mb-1.5 text-xs font-medium text-zinc-700 dark:text-zinc-300">Distribution</p>
                <DistributionPlot metric={metric} failing={failing} />
              </div>
            )}
          </div>
          <div className="grid content-start gap-3 @xl:grid-cols-3 @4xl:grid-cols-1">
            <dl className="grid grid-cols-2 gap-3 rounded-md bg-zinc-50 p-3 dark:bg-zinc-800/40">
              <Stat label="Effect" hint={`tolerance ${formatTolerance(metric.tolerance, metric.direction)}`}>
                <span className={cn(failing && "font-semibold text-red-700 dark:text-red-400")}>{metric.status === "NoData" ? "—" : formatEffect(metric.effect, metric)}</span>
              </Stat>
              <Stat label="p-value" hint={`significant below ${alpha}`}>
                {formatPValue(metric.pValue)}
              </Stat>
              <div className="col-span-2 flex items-center gap-2" aria-hidden>
                <EffectGauge effect={metric.effect} tolerance={metric.tolerance} direction={metric.direction} failing={failing} className="w-full" />
              </div>
            </dl>
            <WindowStats label="Baseline" summary={metric.baseline.summary} unit={metric.unit} swatch="bg-slate-400 dark:bg-slate-500" />
            <WindowStats label="Canary" summary={metric.canary.summary} unit={metric.unit} swatch={failing ? "bg-red-500" : "bg-indigo-500 dark:bg-indigo-400"} />
          </div>
        </div>

        <details className="group rounded-md border border-zinc-200 dark:border-zinc-800">
          <summary className="cursor-pointer px-3 py-2 text-xs font-medium text-zinc-700 select-none hover:bg-zinc-50 dark:text-zinc-300 dark:hover:bg-zinc-800/50">
            Query{analysis.template.stepSeconds ? ` · ${analysis.template.stepSeconds} s resolution` : ""}
            {metric.minSamples !== null ? ` · at least ${metric.minSamples} samples per window` : ""}
          </summary>
          <pre className="overflow-x-auto border-t border-zinc-200 bg-zinc-50 px-3 py-2 font-mono text-xs leading-relaxed whitespace-pre-wrap text-zinc-800 dark:border-zinc-800 dark:bg-zinc-950 dark:text-zinc-200">
            <code>{metric.query}</code>
          </pre>
        </details>
      </div>
    </Card>
  );
}
