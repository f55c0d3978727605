import { quantileSorted } from "@/lib/metrics/judge/summary";

// Pure transforms from a stored metric result to what the report's charts draw. The charts
// themselves only map these numbers to pixels.

/** One sample: [unix seconds, value]. */
export type SamplePoint = [t: number, value: number];

type Direction = "HigherIsWorse" | "LowerIsWorse" | "Either";
type Window = { start: string; end: string };

const seconds = (iso: string) => Date.parse(iso) / 1000;

/**
 * Pairs stored sample values with their times. Results written by the judge carry a time per
 * finite sample; when they do not (the counts differ, or no times were stored) the samples are
 * spread evenly over their window, in order, so the chart still shows them in the right window.
 */
export function alignSamples(values: readonly number[], times: readonly number[], window: Window): SamplePoint[] {
  if (times.length === values.length && times.every(Number.isFinite)) {
    return values.flatMap((value, i): SamplePoint[] => (Number.isFinite(value) ? [[times[i]!, value]] : []));
  }
  const finite = values.filter(Number.isFinite);
  const start = seconds(window.start);
  const end = seconds(window.end);
  if (finite.length === 1) return [[(start + end) / 2, finite[0]!]];
  const step = finite.length > 1 ? (end - start) / (finite.length - 1) : 0;
  return finite.map((value, i): SamplePoint => [start + i * step, value]);
}

/** A point of the time series chart: seconds relative to the deployment's start, and the value of whichever window it belongs to. */
export interface ChartPoint {
  t: number;
  baseline: number | null;
  canary: number | null;
}

export interface MetricChartModel {
  points: ChartPoint[];
  /** From the baseline's start to the canary's end, relative to the deployment's start (seconds). */
  xDomain: [number, number];
  xTicks: number[];
  yDomain: [number, number];
  yTicks: number[];
  baselineWindow: [number, number];
  canaryWindow: [number, number];
  /** The deployment started at 0; the canary window opens when the rollout has finished. */
  rolloutEnd: number;
  baselineMedian: number | null;
  /**
   * The baseline median's tolerance in the direction(s) the metric cares about: the range a
   * canary may move into and still pass. Null without a baseline median.
   */
  band: { low: number; high: number } | null;
  hasData: boolean;
}

export interface MetricChartInput {
  baseline: readonly SamplePoint[];
  canary: readonly SamplePoint[];
  baselineWindow: Window;
  canaryWindow: Window;
  /** When the deployment started (the baseline ends here). */
  deploymentStart: string;
  baselineMedian: number | null;
  tolerance: number;
  direction: Direction;
}

export function toleranceBand(median: number | null, tolerance: number, direction: Direction): { low: number; high: number } | null {
  if (median === null || !Number.isFinite(median)) return null;
  const delta = Math.abs(median) * tolerance;
  switch (direction) {
    case "HigherIsWorse":
      return { low: median, high: median + delta };
    case "LowerIsWorse":
      return { low: median - delta, high: median };
    case "Either":
      return { low: median - delta, high: median + delta };
  }
}

export function metricChartModel(input: MetricChartInput): MetricChartModel {
  const zero = seconds(input.deploymentStart);
  const rel = (t: number) => Math.round((t - zero) * 1000) / 1000;
  const points: ChartPoint[] = [
    ...input.baseline.map(([t, v]): ChartPoint => ({ t: rel(t), baseline: v, canary: null })),
    ...input.canary.map(([t, v]): ChartPoint => ({ t: rel(t), baseline: null, canary: v })),
  ].sort((a, b) => a.t - b.t);

  const baselineWindow: [number, number] = [rel(seconds(input.baselineWindow.start)), rel(seconds(input.baselineWindow.end))];
  const canaryWindow: [number, number] = [rel(seconds(input.canaryWindow.start)), rel(seconds(input.canaryWindow.end))];
  const times = points.map((p) => p.t);
  const xDomain: [number, number] = [Math.min(baselineWindow[0], ...times), Math.max(canaryWindow[1], 0, ...times)];

  const band = toleranceBand(input.baselineMedian, input.tolerance, input.direction);
  const values = points.map((p) => (p.baseline ?? p.canary)!);
  const extent = [...values, ...(band ? [band.low, band.high] : []), ...(input.baselineMedian !== null ? [input.baselineMedian] : [])];
  const y = niceScale(extent.length ? Math.min(...extent) : 0, extent.length ? Math.max(...extent) : 1, { clampAtZero: values.every((v) => v >= 0) });

  return {
    points,
    xDomain,
    xTicks: offsetTicks(xDomain),
    yDomain: y.domain,
    yTicks: y.ticks,
    baselineWindow,
    canaryWindow,
    rolloutEnd: canaryWindow[0],
    baselineMedian: input.baselineMedian,
    band,
    hasData: points.length > 0,
  };
}

const TICK_STEPS = [30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** Ticks on round minutes/hours relative to the deployment, always including 0, at most ~7. */
export function offsetTicks([from, to]: [number, number], maxTicks = 7): number[] {
  const span = Math.max(to - from, 1);
  const step = TICK_STEPS.find((s) => span / s <= maxTicks - 1) ?? Math.ceil(span / (maxTicks - 1) / 86400) * 86400;
  const ticks: number[] = [];
  for (let t = Math.ceil(from / step) * step; t <= to; t += step) ticks.push(t === 0 ? 0 : t);
  if (from <= 0 && to >= 0 && !ticks.includes(0)) ticks.push(0);
  return ticks.sort((a, b) => a - b);
}

/**
 * A y range on round numbers (steps of 1, 2, 2.5 or 5 × 10^k) covering [min, max] with a little
 * headroom. A flat series gets a visible range around its value; non-negative data never gets
 * a negative axis.
 */
export function niceScale(min: number, max: number, options: { clampAtZero?: boolean; count?: number } = {}): { domain: [number, number]; ticks: number[] } {
  const count = options.count ?? 5;
  let lo = min;
  let hi = max;
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) {
    lo = 0;
    hi = 1;
  }
  // A range too small to divide into readable steps (identical values, or differences at the
  // limit of floating point) is drawn as a flat series.
  const magnitudeOf = Math.max(Math.abs(lo), Math.abs(hi));
  if (hi - lo <= Math.max(magnitudeOf * 1e-9, 1e-12)) {
    const centre = (lo + hi) / 2;
    const pad = magnitudeOf < 1e-12 ? 1 : magnitudeOf * 0.1;
    lo = centre - pad;
    hi = centre + pad;
  } else {
    const pad = (hi - lo) * 0.08;
    lo -= pad;
    hi += pad;
  }
  if (options.clampAtZero && lo < 0 && min >= 0) lo = 0;
  const rough = (hi - lo) / (count - 1);
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough)!;
  const start = Math.floor(lo / step) * step;
  const end = Math.ceil(hi / step) * step;
  const ticks: number[] = [];
  // Rounding keeps 0.1 + 0.2 from printing as 0.30000000000000004.
  const decimals = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  for (let v = start; v <= end + step / 2; v += step) ticks.push(Number(v.toFixed(decimals)));
  return { domain: [ticks[0]!, ticks[ticks.length - 1]!], ticks };
}

/** "0", "−15m", "+5m", "+1h 30m"; with `precise`, seconds too ("−14m 45s"). */
export function formatOffset(offsetSeconds: number, precise = false): string {
  const total = Math.round(Math.abs(offsetSeconds));
  if (total === 0) return "0";
  const sign = offsetSeconds < 0 ? "−" : "+";
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const parts: string[] = [];
  if (h) parts.push(`${h}h`);
  if (m) parts.push(`${m}m`);
  if ((precise || (!h && !m)) && s) parts.push(`${s}s`);
  return `${sign}${parts.join(" ") || "0m"}`;
}

export interface BoxStats {
  n: number;
  min: number;
  q1: number;
  median: number;
  q3: number;
  p95: number;
  max: number;
}

export interface DistributionModel {
  baseline: BoxStats | null;
  canary: BoxStats | null;
  /** A shared scale for both windows. */
  domain: [number, number];
  /** Where the baseline median's tolerance ends in the bad direction(s), on the same scale. */
  band: { low: number; high: number } | null;
}

export function boxStats(values: readonly number[]): BoxStats | null {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return null;
  const sorted = Float64Array.from(finite).sort();
  return {
    n: sorted.length,
    min: sorted[0]!,
    q1: quantileSorted(sorted, 0.25),
    median: quantileSorted(sorted, 0.5),
    q3: quantileSorted(sorted, 0.75),
    p95: quantileSorted(sorted, 0.95),
    max: sorted[sorted.length - 1]!,
  };
}

/** Box plots of both windows on one scale (the baseline's tolerance band included in it). */
export function distributionModel(input: { baseline: readonly number[]; canary: readonly number[]; tolerance: number; direction: Direction }): DistributionModel {
  const baseline = boxStats(input.baseline);
  const canary = boxStats(input.canary);
  const band = toleranceBand(baseline?.median ?? null, input.tolerance, input.direction);
  const extent = [baseline?.min, baseline?.max, canary?.min, canary?.max, band?.low, band?.high].filter((v): v is number => v !== undefined);
  if (extent.length === 0) return { baseline, canary, domain: [0, 1], band };
  let lo = Math.min(...extent);
  let hi = Math.max(...extent);
  if (hi === lo) {
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  if (lo < 0 && extent.every((v) => v >= 0)) lo = 0;
  return { baseline, canary, domain: [lo, hi], band };
}

/** Position of a value on a [lo, hi] scale as a percentage, clamped to 0–100. */
export function percentOf(value: number, [lo, hi]: [number, number]): number {
  if (hi === lo) return 50;
  return Math.min(100, Math.max(0, ((value - lo) / (hi - lo)) * 100));
}
