export type SampleSummary = {
  /** Finite samples the judge used. */
  n: number;
  /** Samples discarded because they were NaN or ±Infinity (e.g. a 0/0 ratio with no traffic). */
  dropped: number;
  mean: number | null;
  median: number | null;
  p95: number | null;
  min: number | null;
  max: number | null;
};

/** Splits raw samples into the finite ones (kept in their original order) and a count of the rest. */
export function finiteSamples(values: readonly number[]): { values: number[]; dropped: number } {
  const kept = values.filter((v) => Number.isFinite(v));
  return { values: kept, dropped: values.length - kept.length };
}

/**
 * Quantile of already sorted values by linear interpolation between closest ranks
 * (Hyndman & Fan type 7, the default of R, NumPy and most spreadsheets).
 */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  if (q <= 0) return sorted[0]!;
  if (q >= 1) return sorted[n - 1]!;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, n - 1)]!;
  return a + (h - lo) * (b - a);
}

export function median(values: readonly number[]): number {
  return quantileSorted(Float64Array.from(values).sort(), 0.5);
}

export function summarize(values: readonly number[]): SampleSummary {
  const { values: finite, dropped } = finiteSamples(values);
  const n = finite.length;
  if (n === 0) return { n: 0, dropped, mean: null, median: null, p95: null, min: null, max: null };
  const sorted = Float64Array.from(finite).sort();
  let sum = 0;
  for (const v of finite) sum += v;
  return {
    n,
    dropped,
    mean: sum / n,
    median: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
    min: sorted[0]!,
    max: sorted[n - 1]!,
  };
}
