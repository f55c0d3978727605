/**
 * Hodges-Lehmann estimate of the location shift from baseline to canary: the median of all
 * n1·n2 differences (canary − baseline). It is the shift estimate that belongs to the
 * Mann-Whitney test (its confidence interval inverts that test), and it is far less noisy than
 * the difference of the two medians (asymptotic efficiency 0.955 vs 0.637 relative to the
 * difference of means under normality) while staying robust to outliers.
 */
export function hodgesLehmannShift(baseline: readonly number[], canary: readonly number[]): number {
  const n1 = baseline.length;
  const n2 = canary.length;
  if (n1 === 0 || n2 === 0) return NaN;
  const total = n1 * n2;
  if (total <= DIRECT_LIMIT) return directMedianOfDifferences(baseline, canary);
  const sb = Float64Array.from(baseline).sort();
  const sc = Float64Array.from(canary).sort();
  if (total % 2 === 1) return kthDifference(sb, sc, (total + 1) / 2);
  return (kthDifference(sb, sc, total / 2) + kthDifference(sb, sc, total / 2 + 1)) / 2;
}

const DIRECT_LIMIT = 250_000;

export function directMedianOfDifferences(baseline: readonly number[], canary: readonly number[]): number {
  const diffs = new Float64Array(baseline.length * canary.length);
  let k = 0;
  for (const c of canary) for (const b of baseline) diffs[k++] = c - b;
  diffs.sort();
  const mid = diffs.length >> 1;
  return diffs.length % 2 === 1 ? diffs[mid]! : (diffs[mid - 1]! + diffs[mid]!) / 2;
}

/** Number of pairs with c − b ≤ d, in O(n1 + n2) over sorted samples. */
function countAtMost(sb: Float64Array, sc: Float64Array, d: number): number {
  let count = 0;
  let j = 0;
  // As b grows, c − b shrinks for every c, so the pointer only moves forward.
  for (let i = 0; i < sb.length; i++) {
    while (j < sc.length && sc[j]! - sb[i]! <= d) j++;
    count += j;
  }
  return count;
}

/**
 * The k-th smallest (1-based) pairwise difference without materialising all n1·n2 of them:
 * bisect on the value until no double lies strictly between the bounds, then pick the
 * smallest actual difference above the lower bound. Each step is O(n1 + n2).
 */
function kthDifference(sb: Float64Array, sc: Float64Array, k: number): number {
  let lo = sc[0]! - sb[sb.length - 1]!; // the smallest difference
  let hi = sc[sc.length - 1]! - sb[0]!; // the largest
  if (countAtMost(sb, sc, lo) >= k) return lo;
  // Invariant: count(lo) < k ≤ count(hi).
  for (;;) {
    const mid = lo + (hi - lo) / 2;
    if (!(mid > lo && mid < hi)) break;
    if (countAtMost(sb, sc, mid) >= k) hi = mid;
    else lo = mid;
  }
  let smallestAbove = Infinity;
  let j = 0;
  for (let i = 0; i < sb.length; i++) {
    while (j < sc.length && sc[j]! - sb[i]! <= lo) j++;
    if (j < sc.length) smallestAbove = Math.min(smallestAbove, sc[j]! - sb[i]!);
  }
  return smallestAbove;
}
