import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { directMedianOfDifferences, hodgesLehmannShift } from "@/lib/metrics/judge/hodges-lehmann";
import { exactUCumulative, mannWhitneyU } from "@/lib/metrics/judge/mann-whitney";
import { normalCdf, normalSurvival } from "@/lib/metrics/judge/normal";
import { quantileSorted, summarize } from "@/lib/metrics/judge/summary";

// Reference values below come from SciPy 1.17 (scipy.stats.norm, scipy.stats.mannwhitneyu with
// use_continuity=True, and numpy.median of numpy.subtract.outer(canary, baseline)).

describe("normal distribution", () => {
  it.each([
    [-10, 7.61985302416047e-24],
    [-6, 9.865876450376946e-10],
    [-3, 0.0013498980316300933],
    [-1, 0.15865525393145707],
    [-0.5, 0.3085375387259869],
    [0, 0.5],
    [0.3, 0.6179114221889526],
    [1.96, 0.9750021048517795],
    [5, 0.9999997133484281],
  ])("Φ(%d) matches SciPy", (x, expected) => {
    expect(normalCdf(x)).toBeCloseTo(expected, 14);
    expect(Math.abs(normalCdf(x) - expected) / expected).toBeLessThan(1e-12);
  });

  it.each([
    [1.96, 0.024997895148220435],
    [3, 0.0013498980316300933],
    [6, 9.865876450376946e-10],
    [8, 6.22096057427174e-16],
    [10, 7.61985302416047e-24],
  ])("keeps relative precision in the upper tail at %d", (x, expected) => {
    expect(Math.abs(normalSurvival(x) - expected) / expected).toBeLessThan(1e-12);
  });

  it("is symmetric", () => {
    for (const x of [0.1, 0.9, 2.5, 4.4, 7]) expect(normalSurvival(x)).toBeCloseTo(normalCdf(-x), 15);
  });
});

const sinBaseline = (n: number) => Array.from({ length: n }, (_, i) => 100 + 10 * Math.sin(i * 1.7));
const cosCanary = (n: number) => Array.from({ length: n }, (_, j) => 103 + 10 * Math.cos(j * 2.3));

describe("Mann-Whitney U", () => {
  it("uses the exact distribution for small samples without ties", () => {
    const r = mannWhitneyU([1.1, 2.3, 0.5, 4.2, 3.3], [5.1, 6.2, 2.9, 7.7, 4.8, 5.5]);
    expect(r.method).toBe("exact");
    expect(r.u).toBe(28);
    expect(r.pValue).toBeCloseTo(0.017316017316017316, 14);
  });

  it("matches SciPy's exact p-value at 30 × 20", () => {
    const r = mannWhitneyU(sinBaseline(30), cosCanary(20));
    expect(r.method).toBe("exact");
    expect(r.u).toBe(390);
    expect(r.pValue).toBeCloseTo(0.07619606890726725, 12);
  });

  it("corrects the variance for ties in the normal approximation", () => {
    const r = mannWhitneyU([1, 2, 2, 3, 3, 3, 4], [3, 3, 4, 4, 5, 5, 6]);
    expect(r.method).toBe("normal");
    expect(r.ties).toBe(true);
    expect(r.u).toBe(43);
    expect(r.pValue).toBeCloseTo(0.01785429278938296, 12);
  });

  it("matches SciPy's asymptotic p-value beyond the exact limit", () => {
    const r = mannWhitneyU(sinBaseline(60), cosCanary(40));
    expect(r.method).toBe("normal");
    expect(r.u).toBe(1529);
    expect(r.pValue).toBeCloseTo(0.020815300119344536, 12);
  });

  it("handles mostly tied counts (restarts: zeros and ones)", () => {
    const r = mannWhitneyU([...Array(30).fill(0), 1, 1], [...Array(20).fill(0), ...Array(12).fill(1)]);
    expect(r.u).toBe(672);
    expect(r.pValue).toBeCloseTo(0.0027840715642257715, 12);
  });

  it("gives p = 1 when every value is identical", () => {
    expect(mannWhitneyU([5, 5, 5, 5], [5, 5, 5]).pValue).toBe(1);
  });

  it("exact and normal p-values agree closely at the exact limit", () => {
    const b = sinBaseline(50);
    const c = cosCanary(50);
    const exact = mannWhitneyU(b, c, { exactMaxSamples: 50 });
    const normal = mannWhitneyU(b, c, { exactMaxSamples: 0 });
    expect(exact.method).toBe("exact");
    expect(normal.method).toBe("normal");
    expect(Math.abs(exact.pValue - normal.pValue)).toBeLessThan(0.002);
  });

  it("builds a proper, symmetric exact distribution", () => {
    const cdf = exactUCumulative(7, 9);
    expect(cdf.length).toBe(7 * 9 + 1);
    expect(cdf[cdf.length - 1]).toBeCloseTo(1, 12);
    // P(U = 0) is 1 / C(16, 7).
    expect(cdf[0]).toBeCloseTo(1 / 11440, 15);
    for (let u = 0; u < 63; u++) {
      const pointMass = cdf[u]! - (u === 0 ? 0 : cdf[u - 1]!);
      const mirror = cdf[63 - u]! - cdf[62 - u]!;
      expect(pointMass).toBeCloseTo(mirror, 12);
    }
  });

  it("rejects empty samples", () => {
    expect(() => mannWhitneyU([], [1])).toThrow(RangeError);
  });

  it("p-value is symmetric in the two samples and U1 + U2 = n1·n2 (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 70 }),
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 70 }),
        (a, b) => {
          const ab = mannWhitneyU(a, b);
          const ba = mannWhitneyU(b, a);
          expect(ab.u + ba.u).toBeCloseTo(a.length * b.length, 9);
          expect(ab.pValue).toBeCloseTo(ba.pValue, 12);
          expect(ab.pValue).toBeGreaterThanOrEqual(0);
          expect(ab.pValue).toBeLessThanOrEqual(1);
        },
      ),
      { seed: 20240601, numRuns: 200 },
    );
  });

  it("depends only on ranks: a monotone transform leaves U and p unchanged (property)", () => {
    fc.assert(
      fc.property(
        // Integers, so that the transform stays strictly monotone in floating point too.
        fc.array(fc.integer({ min: -500, max: 500 }), { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: -500, max: 500 }), { minLength: 1, maxLength: 60 }),
        (a, b) => {
          const raw = mannWhitneyU(a, b);
          const f = (v: number) => Math.exp(v / 100) * 3 + 7;
          const transformed = mannWhitneyU(a.map(f), b.map(f));
          expect(transformed.u).toBe(raw.u);
          expect(transformed.pValue).toBeCloseTo(raw.pValue, 12);
        },
      ),
      { seed: 7, numRuns: 200 },
    );
  });
});

describe("Hodges-Lehmann shift", () => {
  it("matches the median of pairwise differences", () => {
    expect(hodgesLehmannShift([1.1, 2.3, 0.5, 4.2, 3.3], [5.1, 6.2, 2.9, 7.7, 4.8, 5.5])).toBeCloseTo(3.05, 12);
    expect(hodgesLehmannShift([1, 2, 2, 3, 3, 3, 4], [3, 3, 4, 4, 5, 5, 6])).toBe(2);
    expect(hodgesLehmannShift(sinBaseline(60), cosCanary(40))).toBeCloseTo(3.066227099970334, 10);
  });

  it("recovers a pure shift exactly", () => {
    const b = sinBaseline(40);
    expect(hodgesLehmannShift(b, b.map((v) => v + 12.5))).toBeCloseTo(12.5, 10);
  });

  it("the selection path for large samples equals the direct computation (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -1000, max: 1000 }), { minLength: 1, maxLength: 600 }),
        fc.array(fc.double({ min: -1000, max: 1000, noNaN: true }), { minLength: 1, maxLength: 600 }),
        (a, b) => {
          const direct = directMedianOfDifferences(a, b);
          // Pad the problem past the direct limit by repeating both samples: the median of
          // differences is unchanged by replicating each sample k times.
          const k = Math.ceil(Math.sqrt(250_001 / (a.length * b.length)));
          const big = (xs: number[]) => Array.from({ length: k }, () => xs).flat();
          expect(hodgesLehmannShift(big(a), big(b))).toBe(direct);
        },
      ),
      { seed: 99, numRuns: 25 },
    );
  });

  it("is antisymmetric: swapping the samples negates the shift (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 50 }),
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 50 }),
        (a, b) => {
          expect(hodgesLehmannShift(a, b)).toBeCloseTo(-hodgesLehmannShift(b, a), 9);
        },
      ),
      { seed: 3, numRuns: 200 },
    );
  });
});

describe("summaries", () => {
  it("drops NaN and infinities and reports how many", () => {
    expect(summarize([1, NaN, 3, Infinity, 2, -Infinity])).toEqual({ n: 3, dropped: 3, mean: 2, median: 2, p95: 2.9, min: 1, max: 3 });
  });

  it("is empty-safe", () => {
    expect(summarize([])).toEqual({ n: 0, dropped: 0, mean: null, median: null, p95: null, min: null, max: null });
    expect(summarize([NaN])).toMatchObject({ n: 0, dropped: 1, median: null });
  });

  it("interpolates quantiles like NumPy's default", () => {
    const sorted = Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(quantileSorted(sorted, 0.5)).toBe(5.5);
    expect(quantileSorted(sorted, 0.95)).toBeCloseTo(9.55, 12);
    expect(quantileSorted(Float64Array.of(4), 0.95)).toBe(4);
  });
});
