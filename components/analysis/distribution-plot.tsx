import { cn } from "@/components/ui/cn";
import type { AnalysisMetricView } from "@/lib/domain/analyses/analysis-view";
import { distributionModel, percentOf, type BoxStats } from "@/lib/domain/analyses/chart-series";
import { formatValue } from "@/lib/metrics/judge/format";

/**
 * Baseline vs canary distributions as box plots on one scale: whiskers min–max, box between the
 * quartiles, a bold median and a tick at p95; the baseline's tolerance band shaded behind both.
 */
export function DistributionPlot({ metric, failing }: { metric: Pick<AnalysisMetricView, "name" | "unit" | "tolerance" | "direction" | "baseline" | "canary">; failing: boolean }) {
  const model = distributionModel({
    baseline: metric.baseline.samples.map(([, v]) => v),
    canary: metric.canary.samples.map(([, v]) => v),
    tolerance: metric.tolerance,
    direction: metric.direction,
  });
  if (!model.baseline && !model.canary) return null;
  const describe = (label: string, s: BoxStats | null) =>
    s ? `${label}: median ${formatValue(s.median, metric.unit)}, middle half ${formatValue(s.q1, metric.unit)} to ${formatValue(s.q3, metric.unit)}, p95 ${formatValue(s.p95, metric.unit)}, range ${formatValue(s.min, metric.unit)} to ${formatValue(s.max, metric.unit)}` : `${label}: no samples`;
  const bandLeft = model.band ? percentOf(model.band.low, model.domain) : 0;
  const bandRight = model.band ? percentOf(model.band.high, model.domain) : 0;

  return (
    <div role="img" aria-label={`${metric.name} distributions. ${describe("Baseline", model.baseline)}. ${describe("Canary", model.canary)}.`} className="select-none">
      <div className="relative grid grid-cols-[4.5rem_1fr] gap-y-2 text-xs">
        {model.band && bandRight > bandLeft && (
          <div aria-hidden className="pointer-events-none absolute inset-y-0 left-[4.5rem] right-0">
            <div className="absolute inset-y-0 bg-amber-400/15 dark:bg-amber-400/10" style={{ left: `${bandLeft}%`, width: `${bandRight - bandLeft}%` }} />
          </div>
        )}
        <BoxRow label="Baseline" stats={model.baseline} domain={model.domain} tone="baseline" />
        <BoxRow label="Canary" stats={model.canary} domain={model.domain} tone={failing ? "failing" : "canary"} />
      </div>
      <div aria-hidden className="mt-1 ml-[4.5rem] flex justify-between font-mono text-[11px] text-zinc-500 dark:text-zinc-400">
        <span>{formatValue(model.domain[0], metric.unit)}</span>
        <span>{formatValue(model.domain[1], metric.unit)}</span>
      </div>
    </div>
  );
}

const TONES = {
  baseline: { box: "border-slate-500 bg-slate-400/25 dark:border-slate-400 dark:bg-slate-400/20", line: "bg-slate-500 dark:bg-slate-400" },
  canary: { box: "border-indigo-600 bg-indigo-500/20 dark:border-indigo-400 dark:bg-indigo-400/20", line: "bg-indigo-600 dark:bg-indigo-400" },
  failing: { box: "border-red-600 bg-red-500/20 dark:border-red-400 dark:bg-red-400/20", line: "bg-red-600 dark:bg-red-400" },
};

function BoxRow({ label, stats, domain, tone }: { label: string; stats: BoxStats | null; domain: [number, number]; tone: keyof typeof TONES }) {
  const at = (v: number) => `${percentOf(v, domain)}%`;
  const colors = TONES[tone];
  return (
    <>
      <span className="self-center text-zinc-600 dark:text-zinc-400">{label}</span>
      <div aria-hidden className="relative h-6">
        {stats ? (
          <>
            <div className={cn("absolute top-1/2 h-px -translate-y-1/2", colors.line)} style={{ left: at(stats.min), width: `calc(${at(stats.max)} - ${at(stats.min)})` }} />
            <div className={cn("absolute top-1/2 h-3 w-px -translate-y-1/2", colors.line)} style={{ left: at(stats.min) }} />
            <div className={cn("absolute top-1/2 h-3 w-px -translate-y-1/2", colors.line)} style={{ left: at(stats.max) }} />
            <div
              className={cn("absolute top-1/2 h-4 -translate-y-1/2 rounded-[2px] border", colors.box)}
              style={{ left: at(stats.q1), width: `max(2px, calc(${at(stats.q3)} - ${at(stats.q1)}))` }}
            />
            <div className={cn("absolute top-1/2 h-5 w-0.5 -translate-x-1/2 -translate-y-1/2", colors.line)} style={{ left: at(stats.median) }} />
            <div className={cn("absolute top-1/2 size-1.5 -translate-x-1/2 -translate-y-1/2 rotate-45", colors.line)} style={{ left: at(stats.p95) }} />
          </>
        ) : (
          <span className="absolute inset-0 flex items-center text-zinc-500 dark:text-zinc-400">no samples</span>
        )}
      </div>
    </>
  );
}

