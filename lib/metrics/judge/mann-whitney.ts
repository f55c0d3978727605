import { JUDGE_CONFIG } from "./config";
import { normalSurvival } from "./normal";

export type MannWhitneyResult = {
  /** U of the canary sample: pairs (baseline b, canary c) with c > b, ties counting one half. */
  u: number;
  n1: number;
  n2: number;
  /** Standardised statistic of the normal approximation (continuity-corrected); null when exact. */
  z: number | null;
  /** Two-sided p-value. */
  pValue: number;
  method: "exact" | "normal";
  /** Whether any value occurs more than once in the pooled sample. */
  ties: boolean;
};

/**
 * Two-sided Mann-Whitney U test of baseline (sample 1) against canary (sample 2).
 * Inputs must be finite numbers (the caller filters NaN). Both samples must be non-empty.
 */
export function mannWhitneyU(
  baseline: readonly number[],
  canary: readonly number[],
  options: { exactMaxSamples?: number } = {},
): MannWhitneyResult {
  const n1 = baseline.length;
  const n2 = canary.length;
  if (n1 === 0 || n2 === 0) throw new RangeError("mannWhitneyU needs two non-empty samples");
  const n = n1 + n2;

  // Pool with a sample tag, sort, and give tied values their average rank.
  const pooled = new Array<{ v: number; canary: boolean }>(n);
  for (let i = 0; i < n1; i++) pooled[i] = { v: baseline[i]!, canary: false };
  for (let j = 0; j < n2; j++) pooled[n1 + j] = { v: canary[j]!, canary: true };
  pooled.sort((a, b) => a.v - b.v);

  let canaryRankSum = 0;
  // Σ(t³ − t) over groups of t tied values: the variance of U shrinks by this much.
  let tieTerm = 0;
  for (let i = 0; i < n; ) {
    let j = i + 1;
    while (j < n && pooled[j]!.v === pooled[i]!.v) j++;
    const t = j - i;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (pooled[k]!.canary) canaryRankSum += midRank;
    if (t > 1) tieTerm += t * t * t - t;
    i = j;
  }
  const u = canaryRankSum - (n2 * (n2 + 1)) / 2;
  const ties = tieTerm > 0;
  const exactMax = options.exactMaxSamples ?? JUDGE_CONFIG.exactMaxSamples;

  if (!ties && n1 <= exactMax && n2 <= exactMax) {
    return { u, n1, n2, z: null, pValue: exactTwoSidedP(u, n2, n1), method: "exact", ties };
  }

  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (!(variance > 0)) {
    // Every value is the same: the samples cannot be told apart.
    return { u, n1, n2, z: 0, pValue: 1, method: "normal", ties };
  }
  // The continuity correction moves |U − mean| half a step towards the mean, since U moves in
  // steps of (at least) 1/2 while the normal approximation is continuous.
  const distance = Math.max(0, Math.abs(u - mean) - 0.5);
  const z = (Math.sign(u - mean) * distance) / Math.sqrt(variance);
  return { u, n1, n2, z, pValue: Math.min(1, 2 * normalSurvival(Math.abs(z))), method: "normal", ties };
}

const cumulativeCache = new Map<string, Float64Array>();
const CACHE_LIMIT = 64;

/**
 * Cumulative distribution of U (pairs x > y, sample x of size m, sample y of size n) under the
 * null hypothesis without ties, as probabilities P(U ≤ u) for u = 0 … m·n.
 * Counts follow f(m, n, u) = f(m − 1, n, u − n) + f(m, n − 1, u) (the largest pooled value is
 * either an x, beating all n y's, or a y, beating none): only additions, so no cancellation.
 */
export function exactUCumulative(m: number, n: number): Float64Array {
  const key = `${m},${n}`;
  const cached = cumulativeCache.get(key);
  if (cached) return cached;

  // rows[i] = counts of f(i, k, ·) for the current k.
  let rows: Float64Array[] = Array.from({ length: m + 1 }, () => Float64Array.of(1));
  for (let k = 1; k <= n; k++) {
    const next: Float64Array[] = [Float64Array.of(1)];
    for (let i = 1; i <= m; i++) {
      const counts = new Float64Array(i * k + 1);
      const withoutLargestY = rows[i]!; // f(i, k − 1, u)
      for (let u = 0; u < withoutLargestY.length; u++) counts[u]! += withoutLargestY[u]!;
      const withoutLargestX = next[i - 1]!; // f(i − 1, k, u − k)
      for (let u = 0; u < withoutLargestX.length; u++) counts[u + k]! += withoutLargestX[u]!;
      next.push(counts);
    }
    rows = next;
  }
  const counts = rows[m]!;
  let total = 0;
  for (const c of counts) total += c;
  const cumulative = new Float64Array(counts.length);
  let running = 0;
  for (let u = 0; u < counts.length; u++) {
    running += counts[u]!;
    cumulative[u] = running / total;
  }
  if (cumulativeCache.size >= CACHE_LIMIT) cumulativeCache.delete(cumulativeCache.keys().next().value!);
  cumulativeCache.set(key, cumulative);
  return cumulative;
}

/** Two-sided exact p-value for an observed U of the sample of size m against one of size n. */
function exactTwoSidedP(u: number, m: number, n: number): number {
  const cumulative = exactUCumulative(m, n);
  // Without ties U is an integer; the distribution is symmetric about m·n/2.
  const lower = Math.min(u, m * n - u);
  return Math.min(1, 2 * cumulative[Math.round(lower)]!);
}
