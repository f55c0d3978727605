import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  alignSamples,
  boxStats,
  distributionModel,
  formatOffset,
  metricChartModel,
  niceScale,
  offsetTicks,
  percentOf,
  toleranceBand,
  type SamplePoint,
} from "@/lib/domain/analyses/chart-series";

const T0 = Date.parse("2026-03-14T09:00:00Z") / 1000;
const iso = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();
const window = (from: number, to: number) => ({ start: iso(T0 + from), end: iso(T0 + to) });

describe("alignSamples", () => {
  it("pairs values with their stored times", () => {
    expect(alignSamples([1, 2, 3], [T0, T0 + 15, T0 + 30], window(0, 30))).toEqual([
      [T0, 1],
      [T0 + 15, 2],
      [T0 + 30, 3],
    ]);
  });

  it("spreads values evenly over the window when times are missing or do not match", () => {
    expect(alignSamples([5, 6, 7], [], window(0, 60))).toEqual([
      [T0, 5],
      [T0 + 30, 6],
      [T0 + 60, 7],
    ]);
    expect(alignSamples([5, 6], [T0], window(0, 60))).toEqual([
      [T0, 5],
      [T0 + 60, 6],
    ]);
    expect(alignSamples([9], [], window(0, 60))).toEqual([[T0 + 30, 9]]);
    expect(alignSamples([], [], window(0, 60))).toEqual([]);
  });

  it("never returns non-finite values", () => {
    expect(alignSamples([1, Number.NaN, 3], [T0, T0 + 1, T0 + 2], window(0, 2))).toEqual([
      [T0, 1],
      [T0 + 2, 3],
    ]);
    expect(alignSamples([1, Number.POSITIVE_INFINITY], [], window(0, 2))).toEqual([[T0 + 1, 1]]);
  });
});

describe("toleranceBand", () => {
  it("covers the allowed move in the harmful direction(s) of the baseline median", () => {
    expect(toleranceBand(200, 0.1, "HigherIsWorse")).toEqual({ low: 200, high: 220 });
    expect(toleranceBand(200, 0.1, "LowerIsWorse")).toEqual({ low: 180, high: 200 });
    expect(toleranceBand(200, 0.25, "Either")).toEqual({ low: 150, high: 250 });
    expect(toleranceBand(-4, 0.5, "HigherIsWorse")).toEqual({ low: -4, high: -2 });
  });

  it("has no band without a baseline median, and a flat one at a zero median", () => {
    expect(toleranceBand(null, 0.1, "Either")).toBeNull();
    expect(toleranceBand(0, 0.5, "HigherIsWorse")).toEqual({ low: 0, high: 0 });
  });
});

describe("metricChartModel", () => {
  // Baseline 10 min before the deployment, rollout 2 min, canary 10 min.
  const input = {
    baseline: [
      [T0 - 600, 0.01],
      [T0 - 300, 0.012],
      [T0 - 15, 0.011],
    ] as SamplePoint[],
    canary: [
      [T0 + 120, 0.03],
      [T0 + 420, 0.035],
    ] as SamplePoint[],
    baselineWindow: window(-600, 0),
    canaryWindow: window(120, 720),
    deploymentStart: iso(T0),
    baselineMedian: 0.011,
    tolerance: 0.5,
    direction: "HigherIsWorse" as const,
  };

  it("puts both windows on one axis of seconds relative to the deployment's start, baseline before 0, canary after the rollout", () => {
    const model = metricChartModel(input);
    expect(model.points).toEqual([
      { t: -600, baseline: 0.01, canary: null },
      { t: -300, baseline: 0.012, canary: null },
      { t: -15, baseline: 0.011, canary: null },
      { t: 120, baseline: null, canary: 0.03 },
      { t: 420, baseline: null, canary: 0.035 },
    ]);
    expect(model.baselineWindow).toEqual([-600, 0]);
    expect(model.canaryWindow).toEqual([120, 720]);
    expect(model.rolloutEnd).toBe(120);
    expect(model.xDomain).toEqual([-600, 720]);
    expect(model.xTicks).toContain(0);
    expect(model.hasData).toBe(true);
  });

  it("shows the tolerance band of the baseline median and keeps it, the median and every sample inside the y range", () => {
    const model = metricChartModel(input);
    expect(model.band?.low).toBeCloseTo(0.011);
    expect(model.band?.high).toBeCloseTo(0.0165);
    const [lo, hi] = model.yDomain;
    for (const v of [0.01, 0.012, 0.011, 0.03, 0.035, 0.0165, 0.011]) {
      expect(v).toBeGreaterThanOrEqual(lo);
      expect(v).toBeLessThanOrEqual(hi);
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(model.yTicks[0]).toBe(lo);
    expect(model.yTicks[model.yTicks.length - 1]).toBe(hi);
  });

  it("widens the x domain to samples outside the windows rather than hiding them", () => {
    const model = metricChartModel({ ...input, canary: [...input.canary, [T0 + 900, 0.02]] });
    expect(model.xDomain).toEqual([-600, 900]);
  });

  it("has an empty but drawable model without samples", () => {
    const model = metricChartModel({ ...input, baseline: [], canary: [], baselineMedian: null });
    expect(model.hasData).toBe(false);
    expect(model.band).toBeNull();
    expect(model.points).toEqual([]);
    expect(model.yDomain[0]).toBeLessThan(model.yDomain[1]);
  });

  it("keeps every sample within the y domain for arbitrary data", () => {
    const value = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 30 }), fc.array(value, { maxLength: 30 }), fc.double({ min: 0, max: 5, noNaN: true }), (b, c, tolerance) => {
        const model = metricChartModel({
          ...input,
          baseline: b.map((v, i): SamplePoint => [T0 - 600 + i * 15, v]),
          canary: c.map((v, i): SamplePoint => [T0 + 120 + i * 15, v]),
          baselineMedian: boxStats(b)!.median,
          tolerance,
          direction: "Either",
        });
        const [lo, hi] = model.yDomain;
        expect(lo).toBeLessThan(hi);
        for (const v of [...b, ...c]) {
          expect(v).toBeGreaterThanOrEqual(lo);
          expect(v).toBeLessThanOrEqual(hi);
        }
      }),
    );
  });
});

describe("offsetTicks", () => {
  it("uses round steps, includes 0 and stays under the tick budget", () => {
    expect(offsetTicks([-900, 360])).toEqual([-900, -600, -300, 0, 300]);
    expect(offsetTicks([-600, 600])).toEqual([-600, -300, 0, 300, 600]);
    expect(offsetTicks([-120, 120])).toEqual([-120, -60, 0, 60, 120]);
    fc.assert(
      fc.property(fc.integer({ min: -86_400, max: -1 }), fc.integer({ min: 1, max: 86_400 }), (from, to) => {
        const ticks = offsetTicks([from, to]);
        expect(ticks).toContain(0);
        expect(ticks.length).toBeLessThanOrEqual(8);
        expect(ticks.every((t) => t >= from && t <= to)).toBe(true);
      }),
    );
  });
});

describe("niceScale", () => {
  it("rounds to 1-2-2.5-5 steps with headroom", () => {
    expect(niceScale(0.0472, 1.2, { clampAtZero: true })).toMatchObject({ domain: [0, 1.5] });
    expect(niceScale(0.0472, 1.2).domain).toEqual([-0.5, 1.5]);
    expect(niceScale(120, 210).ticks).toEqual([100, 150, 200, 250]);
    expect(niceScale(130, 200).ticks).toEqual([100, 125, 150, 175, 200, 225]);
  });

  it("gives a flat series a visible range, and non-negative data no negative axis", () => {
    expect(niceScale(0, 0, { clampAtZero: true }).domain).toEqual([0, 1]);
    const flat = niceScale(5, 5);
    expect(flat.domain[0]).toBeLessThan(5);
    expect(flat.domain[1]).toBeGreaterThan(5);
    expect(niceScale(0.001, 10, { clampAtZero: true }).domain[0]).toBe(0);
    expect(niceScale(-3, 10).domain[0]).toBeLessThan(-3);
    // Differences at the limit of floating point are drawn flat instead of breaking the scale.
    expect(niceScale(-5e-324, 0).domain).toEqual([-1, 1]);
  });

  it("prints tick values without floating point noise", () => {
    for (const tick of niceScale(0.1, 0.7).ticks) expect(String(tick).length).toBeLessThan(6);
  });
});

describe("formatOffset", () => {
  it("writes offsets from the deployment compactly, with seconds on request", () => {
    expect(formatOffset(0)).toBe("0");
    expect(formatOffset(-900)).toBe("−15m");
    expect(formatOffset(300)).toBe("+5m");
    expect(formatOffset(5400)).toBe("+1h 30m");
    expect(formatOffset(-885)).toBe("−14m");
    expect(formatOffset(-885, true)).toBe("−14m 45s");
    expect(formatOffset(45)).toBe("+45s");
    expect(formatOffset(0.2)).toBe("0");
  });
});

describe("distributions", () => {
  it("summarises a window as a box plot (type-7 quartiles, p95)", () => {
    expect(boxStats([5, 1, 4, 2, 3])).toEqual({ n: 5, min: 1, q1: 2, median: 3, q3: 4, p95: 4.8, max: 5 });
    expect(boxStats([Number.NaN])).toBeNull();
  });

  it("puts both windows and the tolerance band on one scale", () => {
    const model = distributionModel({ baseline: [1, 2, 3], canary: [4, 5, 6], tolerance: 0.5, direction: "HigherIsWorse" });
    expect(model.domain).toEqual([1, 6]);
    expect(model.band).toEqual({ low: 2, high: 3 });
    expect(percentOf(model.canary!.median, model.domain)).toBe(80);
    expect(distributionModel({ baseline: [0, 0], canary: [], tolerance: 0.5, direction: "HigherIsWorse" }).domain).toEqual([0, 1]);
    expect(distributionModel({ baseline: [], canary: [], tolerance: 0.5, direction: "Either" })).toMatchObject({ baseline: null, canary: null, band: null });
  });

  it("clamps positions to the scale", () => {
    expect(percentOf(-5, [0, 10])).toBe(0);
    expect(percentOf(50, [0, 10])).toBe(100);
    expect(percentOf(3, [3, 3])).toBe(50);
  });
});
