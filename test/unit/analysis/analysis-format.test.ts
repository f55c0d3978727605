import { describe, expect, it } from "vitest";
import {
  analysisBadge,
  consequence,
  effectGauge,
  formatCompactValue,
  formatDuration,
  formatEffect,
  formatPValue,
  formatScore,
  formatTolerance,
  formatWindow,
  isOpen,
  noDataDetail,
  openPhase,
  unitNote,
} from "@/components/analysis/analysis-format";
import { why } from "@/components/analysis/analyses-table";

describe("numbers", () => {
  it("writes tolerances with the harmful direction's sign", () => {
    expect(formatTolerance(0.1, "HigherIsWorse")).toBe("+10%");
    expect(formatTolerance(0.2, "LowerIsWorse")).toBe("−20%");
    expect(formatTolerance(0.3, "Either")).toBe("±30%");
    expect(formatTolerance(0.025, "Either")).toBe("±2.5%");
    expect(formatTolerance(0, "HigherIsWorse")).toBe("+0%");
  });

  it("writes effects with their sign, and a change from a zero baseline as infinite", () => {
    expect(formatEffect(4.1234)).toBe("+412%");
    expect(formatEffect(12.5)).toBe("+1,250%");
    expect(formatEffect(-0.0312)).toBe("−3.1%");
    expect(formatEffect(0.38)).toBe("+38%");
    expect(formatEffect(0.0004)).toBe("+0.04%");
    expect(formatEffect(0)).toBe("0%");
    expect(formatEffect(null, { status: "High" })).toBe("+∞ (from 0)");
    expect(formatEffect(null, { status: "Low" })).toBe("−∞ (from 0)");
    expect(formatEffect(null, { status: "Pass" })).toBe("n/a");
    expect(formatEffect(null)).toBe("n/a");
  });

  it("writes p-values readably", () => {
    expect(formatPValue(0.00001)).toBe("< 0.0001");
    expect(formatPValue(0.0312)).toBe("0.031");
    expect(formatPValue(0.34)).toBe("0.34");
    expect(formatPValue(1)).toBe("1.00");
    expect(formatPValue(null)).toBe("n/a");
  });

  it("writes values compactly where space is short, naming the unit of cores once instead", () => {
    expect(formatCompactValue(0.425, "cores")).toBe("0.425");
    expect(unitNote("cores")).toBe("CPU cores");
    expect(formatCompactValue(0.00178, "ratio")).toBe("0.178%");
    expect(formatCompactValue(0.143, "seconds")).toBe("143 ms");
    expect(unitNote("ratio")).toBeNull();
    expect(formatCompactValue(null, "cores")).toBe("n/a");
  });

  it("writes scores without needless decimals", () => {
    expect(formatScore(100)).toBe("100");
    expect(formatScore(66.66666)).toBe("66.7");
    expect(formatScore(75.0)).toBe("75");
    expect(formatScore(null)).toBe("—");
  });

  it("writes durations and windows in UTC", () => {
    expect(formatDuration(45_000)).toBe("45 s");
    expect(formatDuration(15 * 60_000)).toBe("15 min");
    expect(formatDuration(90 * 60_000)).toBe("1 h 30 min");
    expect(formatDuration(2 * 3_600_000)).toBe("2 h");
    expect(formatWindow({ start: "2026-09-14T13:34:19.672Z", end: "2026-09-14T13:49:19.672Z" })).toBe("13:34–13:49 UTC");
    expect(formatWindow({ start: "2026-09-14T13:34:19Z", end: "2026-09-14T13:49:19Z" }, true)).toBe("2026-09-14 13:34–13:49 UTC");
    expect(formatWindow({ start: "2026-09-14T23:55:00Z", end: "2026-09-15T00:05:00Z" })).toBe("2026-09-14 23:55 – 2026-09-15 00:05 UTC");
  });
});

describe("effectGauge", () => {
  it("centres no change and marks the tolerance on the harmful side only", () => {
    expect(effectGauge(0, 0.1, "HigherIsWorse")).toMatchObject({ effectAt: 0.5, lowAt: null, beyond: false });
    expect(effectGauge(0, 0.1, "HigherIsWorse").highAt).toBeGreaterThan(0.5);
    expect(effectGauge(0, 0.1, "LowerIsWorse")).toMatchObject({ highAt: null });
    const either = effectGauge(0, 0.3, "Either");
    expect(either.lowAt! + either.highAt!).toBeCloseTo(1);
  });

  it("says when the effect crossed the tolerance in a harmful direction, and clips huge effects to the edge", () => {
    expect(effectGauge(0.2, 0.1, "HigherIsWorse").beyond).toBe(true);
    expect(effectGauge(-0.2, 0.1, "HigherIsWorse").beyond).toBe(false);
    expect(effectGauge(-0.2, 0.1, "LowerIsWorse").beyond).toBe(true);
    const huge = effectGauge(4.12, 0.5, "HigherIsWorse");
    expect(huge).toMatchObject({ effectAt: 1, beyond: true, clipped: true });
    expect(huge.highAt).toBeLessThan(1);
    expect(effectGauge(null, 0.5, "Either")).toMatchObject({ effectAt: null, beyond: false, clipped: false });
  });
});

describe("analysis state", () => {
  it("labels verdicts, and open analyses by what they are doing", () => {
    expect(analysisBadge({ status: "Completed", verdict: "Fail" })).toEqual({ label: "Fail", tone: "danger", live: false });
    expect(analysisBadge({ status: "Pending", verdict: null })).toMatchObject({ label: "Collecting", live: true });
    expect(analysisBadge({ status: "Running", verdict: null })).toMatchObject({ label: "Judging", live: true });
    expect(analysisBadge({ status: "Errored", verdict: "Inconclusive" })).toMatchObject({ label: "Inconclusive (errored)" });
    expect(isOpen({ status: "Pending" })).toBe(true);
    expect(isOpen({ status: "Errored" })).toBe(false);
  });

  it("knows how long the canary window still collects, and when it is only waiting for the judge", () => {
    const analysis = { status: "Pending" as const, canary: { start: "2026-03-14T09:00:00Z", end: "2026-03-14T09:10:00Z" } };
    expect(openPhase(analysis, new Date("2026-03-14T09:02:30Z"))).toEqual({ phase: "collecting", remainingMs: 450_000, progress: 0.25 });
    expect(openPhase(analysis, new Date("2026-03-14T09:11:00Z"))).toEqual({ phase: "judging", overdueMs: 60_000 });
    expect(openPhase({ ...analysis, status: "Running" }, new Date("2026-03-14T09:05:00Z"))).toEqual({ phase: "judging", overdueMs: 0 });
  });

  const base = {
    status: "Completed",
    environment: { name: "prod", autoRollback: true },
    previousArtifact: { id: "p", version: "1.4.2" },
    rollback: null,
  } as const;
  const promotion = (status: string) => ({ id: "x", kind: "Promotion", status, failureReason: null, finishedAt: null });

  it("says what a verdict did to the promotion", () => {
    expect(consequence({ ...base, verdict: "Fail", promotion: promotion("RolledBack"), rollback: { promotionId: "r", status: "Succeeded", toVersion: "1.4.1" } } as never)).toBe(
      "Rolled back automatically to 1.4.1, as prod's policy asks on a failed verification.",
    );
    expect(consequence({ ...base, verdict: "Fail", promotion: promotion("RolledBack") } as never)).toMatch(/to 1\.4\.2/);
    expect(consequence({ ...base, verdict: "Fail", promotion: promotion("Failed"), environment: { name: "prod", autoRollback: false } } as never)).toMatch(/Automatic rollback is off for prod/);
    expect(consequence({ ...base, verdict: "Marginal", promotion: promotion("Succeeded") } as never)).toMatch(/shown, not acted on/);
    expect(consequence({ ...base, verdict: "Inconclusive", promotion: promotion("Succeeded") } as never)).toMatch(/not rolled back/);
    expect(consequence({ ...base, verdict: "Pass", promotion: promotion("Succeeded") } as never)).toBeNull();
    expect(consequence({ ...base, verdict: null, promotion: promotion("Verifying") } as never)).toBeNull();
    expect(consequence({ ...base, status: "Errored", verdict: "Inconclusive", promotion: promotion("Succeeded") } as never)).toMatch(/could not be queried, so the release was neither judged nor rolled back/);
  });
});

describe("noDataDetail", () => {
  const metric = (over: Partial<Parameters<typeof noDataDetail>[0]> = {}) => ({
    baseline: { summary: { n: 3, dropped: 2, mean: 1, median: 1, p95: 1, min: 1, max: 1 }, samples: [] },
    canary: { summary: { n: 0, dropped: 0, mean: null, median: null, p95: null, min: null, max: null }, samples: [] },
    minSamples: 8,
    noData: "Inherit" as const,
    critical: false,
    ...over,
  });

  it("says which window came up short, against the minimum, and what the environment's policy makes of it", () => {
    expect(noDataDetail(metric(), "Inconclusive")).toBe(
      "The baseline had 3 usable samples (2 more were NaN or infinite, e.g. 0/0 without traffic), the canary no usable samples; at least 8 per window are needed. " +
        "Missing data makes the analysis Inconclusive (the environment's policy).",
    );
  });

  it("prefers the metric's own setting, and says when a critical metric fails the release", () => {
    expect(noDataDetail(metric({ noData: "Pass" }), "Fail")).toMatch(/is left out of the score \(this metric's setting\)\.$/);
    expect(noDataDetail(metric({ critical: true }), "Fail")).toMatch(/counts as a failure \(the environment's policy\) and, as the metric is critical, fails the release\.$/);
    expect(noDataDetail(metric({ minSamples: null }), "Pass")).toMatch(/no usable samples\. Missing data/);
  });
});

describe("the list's reason", () => {
  const item = { status: "Completed" as const, verdict: "Pass" as const, failingMetrics: [], metricCount: 4, summary: "Pass: 4 of 4 scored metrics passed (score 100)." };
  it("names what got worse, or sums up a clean pass", () => {
    expect(why({ ...item, verdict: "Fail" as never, failingMetrics: ["5xx error ratio", "p95 latency"] as never })).toBe("5xx error ratio, p95 latency got worse");
    expect(why(item)).toBe("All 4 metrics within tolerance");
    expect(why({ ...item, status: "Pending", verdict: null as never })).toBe("Canary window open");
    expect(why({ ...item, verdict: "Inconclusive" as never, summary: "Inconclusive: no data for CPU per pod." })).toBe("Inconclusive: no data for CPU per pod.");
  });
});
