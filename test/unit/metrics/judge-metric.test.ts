import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { judgeMetric, type MetricSpec } from "@/lib/metrics/judge";
import { seededRandom } from "@/lib/metrics/seeded-random";

const latency: MetricSpec = { name: "p95 latency", direction: "HigherIsWorse", tolerance: 0.1, unit: "seconds" };

function noisy(seed: number, n: number, median: number, sigma = 0.05) {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => random.logNormal(median, sigma));
}

describe("judgeMetric on constructed samples", () => {
  it("passes equal samples with p = 1 and no effect", () => {
    const samples = noisy(1, 40, 0.2);
    const j = judgeMetric(latency, samples, [...samples]);
    expect(j).toMatchObject({ status: "Pass", reason: "not-significant", effect: 0, shift: 0 });
    expect(j.pValue).toBeCloseTo(1, 6);
  });

  it("flags a clear regression as High with the numbers in the sentence", () => {
    const j = judgeMetric(latency, noisy(2, 60, 0.212), noisy(3, 40, 0.293));
    expect(j.status).toBe("High");
    expect(j.reason).toBe("regression");
    expect(j.effect!).toBeGreaterThan(0.3);
    expect(j.effect!).toBeLessThan(0.46);
    expect(j.pValue!).toBeLessThan(1e-6);
    expect(j.test).toBe("mann-whitney-normal");
    expect(j.explanation).toMatch(/^p95 latency rose \d+% \(median 2\d\d ms → 2\d\d ms\), above the 10% tolerance; p < 0\.0001\.$/);
  });

  it("passes a significant increase that stays within the tolerance", () => {
    const j = judgeMetric(latency, noisy(4, 60, 0.2, 0.02), noisy(5, 60, 0.21, 0.02));
    expect(j.status).toBe("Pass");
    expect(j.reason).toBe("within-tolerance");
    expect(j.pValue!).toBeLessThan(0.05);
    expect(j.explanation).toContain("within the 10% tolerance");
  });

  it("passes an improvement in the harmless direction", () => {
    const j = judgeMetric(latency, noisy(6, 40, 0.3), noisy(7, 40, 0.15));
    expect(j).toMatchObject({ status: "Pass", reason: "improvement" });
    expect(j.effect!).toBeLessThan(-0.4);
    expect(j.explanation).toMatch(/fell \d+%.*an improvement \(higher is worse/);
  });

  it("reports Low for a drop when lower is worse, and for either direction", () => {
    const baseline = noisy(8, 40, 100);
    const canary = noisy(9, 40, 60);
    expect(judgeMetric({ name: "throughput", direction: "LowerIsWorse", tolerance: 0.2 }, baseline, canary).status).toBe("Low");
    expect(judgeMetric({ name: "cpu", direction: "Either", tolerance: 0.2 }, baseline, canary).status).toBe("Low");
    expect(judgeMetric({ name: "cpu", direction: "Either", tolerance: 0.2 }, canary, baseline).status).toBe("High");
    expect(judgeMetric({ name: "throughput", direction: "LowerIsWorse", tolerance: 0.2 }, canary, baseline).reason).toBe("improvement");
  });

  it("does not call noise a regression: overlapping noisy samples are not significant", () => {
    const j = judgeMetric(latency, noisy(10, 30, 0.2, 0.6), noisy(11, 30, 0.2, 0.6));
    expect(j.status).toBe("Pass");
    expect(j.reason).toBe("not-significant");
    expect(j.explanation).toContain("not statistically significant");
  });

  it("needs significance, not just a large effect: two tiny samples far apart in median but overlapping", () => {
    const j = judgeMetric({ ...latency, minSamples: 3 }, [0.1, 0.5, 0.2], [0.4, 0.15, 0.6]);
    expect(j.effect!).toBeGreaterThan(0.1);
    expect(j.status).toBe("Pass");
    expect(j.reason).toBe("not-significant");
    expect(j.test).toBe("mann-whitney-exact");
  });

  it("returns NoData for empty windows", () => {
    const j = judgeMetric(latency, [], []);
    expect(j).toMatchObject({ status: "NoData", reason: "insufficient-data", pValue: null, effect: null, shift: null });
    expect(j.baseline.n).toBe(0);
    expect(j.explanation).toBe("No data for p95 latency: the baseline window has 0 samples, minimum 8; the canary window has 0 samples, minimum 8.");
  });

  it("returns NoData for tiny windows and counts NaN as missing", () => {
    const j = judgeMetric({ ...latency, minSamples: 5 }, noisy(12, 20, 0.2), [0.2, NaN, 0.3, NaN, Infinity, 0.25]);
    expect(j.status).toBe("NoData");
    expect(j.canary).toMatchObject({ n: 3, dropped: 3 });
    expect(j.explanation).toContain("the canary window has 3 samples (3 NaN/infinite dropped), minimum 5");
    expect(j.explanation).not.toContain("baseline window");
  });

  it("ignores NaN samples when there are enough finite ones", () => {
    const baseline = noisy(13, 30, 0.01);
    const canary = noisy(14, 30, 0.03).flatMap((v, i) => (i % 5 === 0 ? [v, NaN] : [v]));
    const j = judgeMetric({ name: "5xx error ratio", direction: "HigherIsWorse", tolerance: 0.5, unit: "ratio" }, baseline, canary);
    expect(j.canary).toMatchObject({ n: 30, dropped: 6 });
    expect(j.status).toBe("High");
    expect(j.explanation).toMatch(/^5xx error ratio rose \d+% \(median 1(\.\d+)?% → 3(\.\d+)?%\)/);
  });

  it("treats any significant rise from a zero baseline as beyond the tolerance", () => {
    const restarts = { name: "pod restarts", direction: "HigherIsWorse", tolerance: 0.5, unit: "count" } as const;
    const j = judgeMetric(restarts, Array(40).fill(0), [...Array(10).fill(0), ...Array(30).fill(2)]);
    expect(j.status).toBe("High");
    expect(j.effect).toBe(Infinity);
    expect(j.explanation).toBe("pod restarts rose from a zero median to 2, beyond any relative tolerance; p < 0.0001.");
  });

  it("keeps all-zero windows a Pass", () => {
    const j = judgeMetric({ name: "pod restarts", direction: "HigherIsWorse", tolerance: 0.5 }, Array(40).fill(0), Array(40).fill(0));
    expect(j).toMatchObject({ status: "Pass", effect: 0, pValue: 1 });
  });

  it("uses |baseline median| for metrics that can be negative", () => {
    const j = judgeMetric({ name: "balance", direction: "Either", tolerance: 0.1 }, noisy(15, 30, 1, 0.01).map((v) => -100 * v), noisy(16, 30, 1, 0.01).map((v) => -50 * v));
    expect(j.effect!).toBeGreaterThan(0.45);
    expect(j.status).toBe("High");
  });

  it("honours a stricter significance level from the config", () => {
    const baseline = noisy(17, 12, 0.2, 0.2);
    const canary = noisy(18, 12, 0.26, 0.2);
    const loose = judgeMetric(latency, baseline, canary, { alpha: 0.5, minSamples: 8, exactMaxSamples: 50 });
    const strict = judgeMetric(latency, baseline, canary, { alpha: 1e-9, minSamples: 8, exactMaxSamples: 50 });
    expect(loose.pValue).toBe(strict.pValue);
    expect(strict.reason).toBe("not-significant");
    expect(loose.status).toBe("High");
  });
});

describe("judgeMetric properties (fixed seeds)", () => {
  const sampleSets = fc.record({
    seedA: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    seedB: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
    n1: fc.integer({ min: 10, max: 120 }),
    n2: fc.integer({ min: 10, max: 120 }),
    median: fc.double({ min: 1e-4, max: 1e4, noNaN: true }),
    sigma: fc.double({ min: 0.01, max: 0.5, noNaN: true }),
  });

  it("samples from one distribution mostly pass (false alarms well under 5%)", () => {
    let alarms = 0;
    let runs = 0;
    fc.assert(
      fc.property(sampleSets, ({ seedA, seedB, n1, n2, median, sigma }) => {
        runs++;
        const j = judgeMetric({ name: "m", direction: "Either", tolerance: 0.1 }, noisy(seedA, n1, median, sigma), noisy(seedB, n2, median, sigma));
        if (j.status !== "Pass") alarms++;
      }),
      { seed: 424242, numRuns: 400 },
    );
    expect(alarms / runs).toBeLessThan(0.02);
  });

  it("scaling the canary by a large factor in the bad direction always fails", () => {
    // A factor of 3 is a shift of over 2 standard deviations in log space even at sigma 0.5:
    // with 20+ samples per window the test's power is indistinguishable from 1.
    const enough = sampleSets.filter(({ n1, n2 }) => n1 >= 20 && n2 >= 20);
    fc.assert(
      fc.property(enough, fc.double({ min: 3, max: 100, noNaN: true }), ({ seedA, seedB, n1, n2, median, sigma }, factor) => {
        const baseline = noisy(seedA, n1, median, sigma);
        const canary = noisy(seedB, n2, median, sigma).map((v) => v * factor);
        expect(judgeMetric({ name: "m", direction: "HigherIsWorse", tolerance: 0.5 }, baseline, canary).status).toBe("High");
        // Seen from the scaled side, a factor of 2 is a 50 % drop: the tolerance must sit below it.
        expect(judgeMetric({ name: "m", direction: "LowerIsWorse", tolerance: 0.4 }, canary, baseline).status).toBe("Low");
        expect(judgeMetric({ name: "m", direction: "LowerIsWorse", tolerance: 0.5 }, baseline, canary).reason).toBe("improvement");
      }),
      { seed: 1337, numRuns: 200 },
    );
  });

  it("mirrors: negating both samples swaps High and Low for Either", () => {
    fc.assert(
      fc.property(sampleSets, fc.double({ min: 0.2, max: 5, noNaN: true }), ({ seedA, seedB, n1, n2, median, sigma }, factor) => {
        const baseline = noisy(seedA, n1, median, sigma);
        const canary = noisy(seedB, n2, median, sigma).map((v) => v * factor);
        const spec = { name: "m", direction: "Either", tolerance: 0.1 } as const;
        const plain = judgeMetric(spec, baseline, canary);
        const mirrored = judgeMetric(spec, baseline.map((v) => -v), canary.map((v) => -v));
        const swap = { High: "Low", Low: "High", Pass: "Pass", NoData: "NoData" } as const;
        expect(mirrored.status).toBe(swap[plain.status]);
        expect(mirrored.pValue).toBeCloseTo(plain.pValue!, 12);
        expect(mirrored.effect).toBeCloseTo(-plain.effect!, 9);
      }),
      { seed: 2718, numRuns: 200 },
    );
  });

  it("is invariant to the unit: multiplying both windows by a constant changes nothing but the shift", () => {
    fc.assert(
      fc.property(sampleSets, fc.double({ min: 0.001, max: 1000, noNaN: true }), ({ seedA, seedB, n1, n2, median, sigma }, scale) => {
        const baseline = noisy(seedA, n1, median, sigma);
        const canary = noisy(seedB, n2, median * 1.15, sigma);
        const spec = { name: "m", direction: "HigherIsWorse", tolerance: 0.1 } as const;
        const a = judgeMetric(spec, baseline, canary);
        const b = judgeMetric(spec, baseline.map((v) => v * scale), canary.map((v) => v * scale));
        expect(b.status).toBe(a.status);
        expect(b.pValue).toBeCloseTo(a.pValue!, 12);
        expect(b.effect).toBeCloseTo(a.effect!, 6);
      }),
      { seed: 31415, numRuns: 200 },
    );
  });
});
