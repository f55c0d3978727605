import type { BadgeTone } from "@/components/ui/badge";
import type {
  AnalysisDetail,
  AnalysisMetricView,
  AnalysisStatus,
  AnalysisVerdict,
  MetricDirection,
  MetricStatus,
  NoDataBehaviour,
} from "@/lib/domain/analyses/analysis-view";
import { formatValue, type MetricUnit } from "@/lib/metrics/judge/format";

// How verification results read to people, everywhere in the product. Pure: unit-tested.

export const VERDICT_DISPLAY: Record<AnalysisVerdict, { label: string; tone: BadgeTone; meaning: string }> = {
  Pass: { label: "Pass", tone: "success", meaning: "No metric got worse beyond its tolerance." },
  Marginal: { label: "Marginal", tone: "warning", meaning: "Some non-critical metrics got worse; shown, not acted on." },
  Fail: { label: "Fail", tone: "danger", meaning: "The release made things measurably worse." },
  Inconclusive: { label: "Inconclusive", tone: "neutral", meaning: "There was not enough data to judge the release." },
};

export const METRIC_STATUS_DISPLAY: Record<MetricStatus, { label: string; tone: BadgeTone; meaning: string }> = {
  Pass: { label: "Pass", tone: "success", meaning: "No significant change beyond the tolerance in the harmful direction" },
  High: { label: "High", tone: "danger", meaning: "Significantly higher after the release, beyond the tolerance" },
  Low: { label: "Low", tone: "danger", meaning: "Significantly lower after the release, beyond the tolerance" },
  NoData: { label: "No data", tone: "neutral", meaning: "Too few samples in a window to judge" },
};

/** The verdict badge of an analysis, or its state while it has none. */
export function analysisBadge(analysis: { status: AnalysisStatus; verdict: AnalysisVerdict | null }): { label: string; tone: BadgeTone; live: boolean } {
  if (analysis.verdict) {
    const display = VERDICT_DISPLAY[analysis.verdict];
    return { label: analysis.status === "Errored" ? `${display.label} (errored)` : display.label, tone: display.tone, live: false };
  }
  switch (analysis.status) {
    case "Pending":
      return { label: "Collecting", tone: "progress", live: true };
    case "Running":
      return { label: "Judging", tone: "progress", live: true };
    case "Errored":
      return { label: "Errored", tone: "warning", live: false };
    case "Completed":
      return { label: "No verdict", tone: "neutral", live: false };
  }
}

/** The analysis is still open: the canary window is collecting, or the judge has not finished. */
export function isOpen(analysis: { status: AnalysisStatus }): boolean {
  return analysis.status === "Pending" || analysis.status === "Running";
}

export const DIRECTION_LABEL: Record<MetricDirection, string> = {
  HigherIsWorse: "Higher is worse",
  LowerIsWorse: "Lower is worse",
  Either: "Either way is worse",
};

function percent(relative: number): string {
  const pct = Math.abs(relative) * 100;
  if (pct === 0) return "0%";
  if (pct >= 100) return `${Math.round(pct).toLocaleString("en-US")}%`;
  if (pct >= 10) return `${Number(pct.toFixed(0))}%`;
  if (pct >= 1) return `${Number(pct.toFixed(1))}%`;
  return `${Number(pct.toPrecision(2))}%`;
}

/** The tolerance in the harmful direction(s): "+10%", "−20%", "±30%". */
export function formatTolerance(tolerance: number, direction: MetricDirection): string {
  const sign = direction === "HigherIsWorse" ? "+" : direction === "LowerIsWorse" ? "−" : "±";
  return `${sign}${percent(tolerance)}`;
}

/**
 * The relative effect with its sign: "+412%", "−3.1%", "0%". A null effect means the baseline
 * median was 0: any change from zero is beyond every relative tolerance, "n/a" otherwise.
 */
export function formatEffect(effect: number | null, metric?: { status: MetricStatus }): string {
  if (effect === null || !Number.isFinite(effect)) {
    if (metric?.status === "High") return "+∞ (from 0)";
    if (metric?.status === "Low") return "−∞ (from 0)";
    return "n/a";
  }
  if (effect === 0) return "0%";
  return `${effect > 0 ? "+" : "−"}${percent(effect)}`;
}

/** "0.031", "< 0.0001", "n/a". */
export function formatPValue(p: number | null): string {
  if (p === null || !Number.isFinite(p)) return "n/a";
  if (p < 0.0001) return "< 0.0001";
  if (p >= 0.1) return p.toFixed(2);
  return Number(p.toPrecision(2)).toString();
}

export function formatScore(score: number | null): string {
  if (score === null || !Number.isFinite(score)) return "—";
  return Number.isInteger(score) ? String(score) : score.toFixed(1).replace(/\.0$/, "");
}

/**
 * A value where space is short (axis ticks, stat grids): the unit word of cores is left out and
 * named once nearby instead (see unitNote); percentages and durations keep their short units.
 */
export function formatCompactValue(value: number | null, unit: MetricUnit): string {
  return formatValue(value, unit === "cores" ? "none" : unit);
}

/** The unit to name once next to compact values, when they do not carry it themselves. */
export function unitNote(unit: MetricUnit): string | null {
  return unit === "cores" ? "CPU cores" : null;
}

/**
 * Where the effect sits against the tolerance, for a small gauge: both as fractions of a scale
 * that always shows the tolerance (and the effect, up to 3× the tolerance), 0 in the middle.
 * `beyond` says whether the effect crossed the tolerance in a harmful direction.
 */
export function effectGauge(effect: number | null, tolerance: number, direction: MetricDirection): { effectAt: number | null; lowAt: number | null; highAt: number | null; beyond: boolean; clipped: boolean } {
  const finite = effect !== null && Number.isFinite(effect);
  const reach = Math.max(tolerance, 1e-9) * 3;
  const scale = Math.max(tolerance * 1.5, finite ? Math.min(Math.abs(effect!), reach) : 0, 1e-9);
  const at = (v: number) => 0.5 + (0.5 * Math.max(-scale, Math.min(scale, v))) / scale;
  const harmsUp = direction !== "LowerIsWorse";
  const harmsDown = direction !== "HigherIsWorse";
  const beyond = finite ? (harmsUp && effect! > tolerance) || (harmsDown && effect! < -tolerance) : false;
  return {
    effectAt: finite ? at(effect!) : null,
    highAt: harmsUp ? at(tolerance) : null,
    lowAt: harmsDown ? at(-tolerance) : null,
    beyond,
    clipped: finite && Math.abs(effect!) > scale,
  };
}

const NO_DATA_POLICY: Record<Exclude<NoDataBehaviour, "Inherit">, string> = {
  Inconclusive: "makes the analysis Inconclusive",
  Pass: "is left out of the score",
  Fail: "counts as a failure",
};

/**
 * Why a metric has no data, in words, from its sample counts: which window came up short and
 * what that means for the verdict under the metric's (or the environment's) no-data policy.
 */
export function noDataDetail(metric: Pick<AnalysisMetricView, "baseline" | "canary" | "minSamples" | "noData" | "critical">, environmentPolicy: Exclude<NoDataBehaviour, "Inherit">): string {
  const need = metric.minSamples;
  const describe = (s: { n: number; dropped: number }) =>
    `${s.n === 0 ? "no" : s.n} usable sample${s.n === 1 ? "" : "s"}${s.dropped ? ` (${s.dropped} more were NaN or infinite, e.g. 0/0 without traffic)` : ""}`;
  const counts = `The baseline had ${describe(metric.baseline.summary)}, the canary ${describe(metric.canary.summary)}`;
  const requirement = need !== null ? `; at least ${need} per window are needed.` : ".";
  const policy = metric.noData === "Inherit" ? environmentPolicy : metric.noData;
  const effect = `Missing data ${NO_DATA_POLICY[policy]}${metric.noData === "Inherit" ? " (the environment's policy)" : " (this metric's setting)"}${metric.critical && policy === "Fail" ? " and, as the metric is critical, fails the release" : ""}.`;
  return `${counts}${requirement} ${effect}`;
}

/** Duration in words: "15 min", "1 h 30 min", "45 s". */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.max(0, Math.round(ms / 1000));
  if (totalSeconds < 60) return `${totalSeconds} s`;
  const minutes = Math.round(totalSeconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${m} min` : `${h} h`;
}

/** "13:34–13:49 UTC" (with the date when the window spans midnight or `withDate`). */
export function formatWindow(window: { start: string; end: string }, withDate = false): string {
  const start = new Date(window.start).toISOString();
  const end = new Date(window.end).toISOString();
  const sameDay = start.slice(0, 10) === end.slice(0, 10);
  const time = (iso: string) => iso.slice(11, 16);
  const day = (iso: string) => iso.slice(0, 10);
  if (sameDay) return `${withDate ? `${day(start)} ` : ""}${time(start)}–${time(end)} UTC`;
  return `${day(start)} ${time(start)} – ${day(end)} ${time(end)} UTC`;
}

export type OpenPhase = { phase: "collecting"; remainingMs: number; progress: number } | { phase: "judging"; overdueMs: number };

/** Where an open analysis is: still collecting canary samples (how long until it is judged), or waiting for the judge. */
export function openPhase(analysis: Pick<AnalysisDetail, "status" | "canary">, now: Date): OpenPhase {
  const start = Date.parse(analysis.canary.start);
  const end = Date.parse(analysis.canary.end);
  const t = now.getTime();
  if (analysis.status === "Pending" && t < end) {
    const progress = end > start ? Math.min(1, Math.max(0, (t - start) / (end - start))) : 0;
    return { phase: "collecting", remainingMs: end - t, progress };
  }
  return { phase: "judging", overdueMs: Math.max(0, t - end) };
}

/** What the verdict did to the promotion, in one sentence, or null when there is nothing to say. */
export function consequence(analysis: Pick<AnalysisDetail, "status" | "verdict" | "promotion" | "rollback" | "environment" | "previousArtifact">): string | null {
  const promotion = analysis.promotion;
  if (!analysis.verdict || !promotion) return null;
  if (analysis.status === "Errored") return "The metrics could not be queried, so the release was neither judged nor rolled back. Check the environment's metrics source.";
  switch (analysis.verdict) {
    case "Fail":
      if (promotion.status === "RolledBack") {
        const to = analysis.rollback?.toVersion ?? analysis.previousArtifact?.version;
        return `Rolled back automatically${to ? ` to ${to}` : ""}, as ${analysis.environment.name}'s policy asks on a failed verification.`;
      }
      if (promotion.status === "Failed") {
        return analysis.environment.autoRollback
          ? "The promotion failed; there was no earlier release to roll back to."
          : `The promotion failed. Automatic rollback is off for ${analysis.environment.name}: roll back by hand if the release is still running.`;
      }
      return null;
    case "Marginal":
      return "A human should look: a marginal result is shown, not acted on.";
    case "Inconclusive":
      return "Not enough evidence either way: the release was not rolled back. Check the metrics without data.";
    case "Pass":
      return null;
  }
}
