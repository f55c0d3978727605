import type { MetricResultStatus } from "@/lib/db/generated/enums";
import type { VerificationMetric } from "./catalog";
import type { Prng } from "./prng";

// Plausible pre/post-release samples for the demo's verification results, judged the way a
// verification run would: a one-sided Mann-Whitney U test plus an effect-size tolerance, so the
// stored p-values, effects and verdicts agree with the stored samples.

export interface SampleSummary {
  n: number;
  mean: number;
  median: number;
  p95: number;
  min: number;
  max: number;
}

export interface JudgedMetric {
  status: MetricResultStatus;
  pValue: number;
  effect: number;
  baselineSamples: number[];
  canarySamples: number[];
  baselineSummary: SampleSummary;
  canarySummary: SampleSummary;
  explanation: string;
}

const SIGNIFICANCE = 0.05;

function quantile(sorted: number[], q: number) {
  if (sorted.length === 0) return 0;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

export function summarize(samples: number[], digits: number): SampleSummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = samples.reduce((sum, v) => sum + v, 0) / Math.max(1, samples.length);
  return {
    n: samples.length,
    mean: round(mean, digits),
    median: round(quantile(sorted, 0.5), digits),
    p95: round(quantile(sorted, 0.95), digits),
    min: round(sorted[0] ?? 0, digits),
    max: round(sorted[sorted.length - 1] ?? 0, digits),
  };
}

// Complementary error function (Numerical Recipes erfcc), accurate to ~1e-7.
function erfc(x: number) {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** One-sided p-value that `canary` tends to be larger than `baseline` (normal approximation, tie-corrected). */
export function mannWhitneyGreater(baseline: number[], canary: number[]): number {
  const n1 = canary.length;
  const n2 = baseline.length;
  if (n1 === 0 || n2 === 0) return 1;
  const all = [...canary.map((v) => ({ v, canary: true })), ...baseline.map((v) => ({ v, canary: false }))].sort((a, b) => a.v - b.v);
  let rankSum = 0;
  let tieTerm = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]!.v === all[i]!.v) j++;
    const rank = (i + 1 + j) / 2;
    const ties = j - i;
    tieTerm += ties ** 3 - ties;
    for (let k = i; k < j; k++) if (all[k]!.canary) rankSum += rank;
    i = j;
  }
  const u = rankSum - (n1 * (n1 + 1)) / 2;
  const n = n1 + n2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (variance <= 0) return 1;
  const z = (u - (n1 * n2) / 2 - 0.5) / Math.sqrt(variance);
  return Math.min(1, Math.max(0, 0.5 * erfc(z / Math.SQRT2)));
}

interface MetricShape {
  digits: number;
  unit: (value: number) => string;
  baseline: (rng: Prng) => number;
  canary: (rng: Prng, regressed: boolean) => number;
  absolute: boolean;
}

function shapes(base: { errorRatio: number; p95Ms: number }): Record<string, MetricShape> {
  return {
    error_ratio: {
      digits: 5,
      unit: (v) => `${(v * 100).toFixed(2)}%`,
      baseline: (rng) => Math.max(0, rng.normal(base.errorRatio, base.errorRatio * 0.25)),
      canary: (rng, regressed) => Math.max(0, rng.normal(base.errorRatio * (regressed ? rng.between(3, 7) : rng.between(0.85, 1.15)), base.errorRatio * 0.3)),
      absolute: false,
    },
    latency_p95_ms: {
      digits: 1,
      unit: (v) => `${v.toFixed(0)} ms`,
      baseline: (rng) => Math.max(1, rng.normal(base.p95Ms, base.p95Ms * 0.06)),
      canary: (rng, regressed) => Math.max(1, rng.normal(base.p95Ms * (regressed ? rng.between(1.3, 1.55) : rng.between(0.95, 1.06)), base.p95Ms * 0.06)),
      absolute: false,
    },
    restarts: {
      digits: 0,
      unit: (v) => `${v.toFixed(0)} restart${v === 1 ? "" : "s"}`,
      baseline: (rng) => (rng.chance(0.02) ? 1 : 0),
      canary: (rng, regressed) => (regressed ? rng.int(0, 2) : 0),
      absolute: true,
    },
  };
}

function judge(metric: VerificationMetric, shape: MetricShape, baselineSamples: number[], canarySamples: number[]): Omit<JudgedMetric, "baselineSamples" | "canarySamples"> {
  const baselineSummary = summarize(baselineSamples, shape.digits);
  const canarySummary = summarize(canarySamples, shape.digits);
  const pValue = mannWhitneyGreater(baselineSamples, canarySamples);
  const label = metric.name.replaceAll("_", " ");
  if (shape.absolute) {
    const total = canarySamples.reduce((sum, v) => sum + v, 0);
    const high = total > metric.tolerance;
    return {
      status: high ? "High" : "Pass",
      pValue: round(pValue, 4),
      effect: total,
      baselineSummary,
      canarySummary,
      explanation: high
        ? `${shape.unit(total)} during verification, more than the ${metric.tolerance} allowed`
        : `${shape.unit(total)} during verification (at most ${metric.tolerance} allowed)`,
    };
  }
  const effect = baselineSummary.median > 0 ? (canarySummary.median - baselineSummary.median) / baselineSummary.median : 0;
  const high = effect > metric.tolerance && pValue < SIGNIFICANCE;
  const change = `${effect >= 0 ? "+" : ""}${(effect * 100).toFixed(0)}%`;
  const p = pValue < 0.001 ? "p < 0.001" : `p = ${pValue.toFixed(3)}`;
  return {
    status: high ? "High" : "Pass",
    pValue: round(pValue, 4),
    effect: round(effect, 4),
    baselineSummary,
    canarySummary,
    explanation: high
      ? `${label} ${shape.unit(canarySummary.median)} vs ${shape.unit(baselineSummary.median)} before the release (${change}, tolerance +${(metric.tolerance * 100).toFixed(0)}%; Mann-Whitney ${p}): significantly worse`
      : `${label} ${shape.unit(canarySummary.median)} vs ${shape.unit(baselineSummary.median)} before the release (${change}, tolerance +${(metric.tolerance * 100).toFixed(0)}%; Mann-Whitney ${p}): within tolerance`,
  };
}

/**
 * Samples for one metric whose judgement comes out as `want` ("High" = regressed). Draws again
 * (deterministically) in the rare case noise alone would flip the verdict.
 */
export function sampleMetric(
  rng: Prng,
  metric: VerificationMetric,
  base: { errorRatio: number; p95Ms: number },
  counts: { baseline: number; canary: number },
  want: "Pass" | "High",
): JudgedMetric {
  const shape = shapes(base)[metric.name];
  if (!shape) throw new Error(`no sample shape for metric ${metric.name}`);
  const regressed = want === "High";
  for (let attempt = 0; ; attempt++) {
    const baselineSamples = Array.from({ length: counts.baseline }, () => round(shape.baseline(rng), shape.digits));
    let canarySamples = Array.from({ length: counts.canary }, () => round(shape.canary(rng, regressed), shape.digits));
    // A regressed restart count must exceed the tolerance; force it on the last attempts.
    if (regressed && shape.absolute && attempt > 5) canarySamples = canarySamples.map((v, i) => (i < metric.tolerance + 1 ? Math.max(v, 1) : v));
    const judged = judge(metric, shape, baselineSamples, canarySamples);
    if (judged.status === want || attempt >= 20) return { ...judged, baselineSamples, canarySamples };
  }
}
