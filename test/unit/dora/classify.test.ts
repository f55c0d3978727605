import { describe, expect, it } from "vitest";
import {
  changeFailureRate,
  classifyChangeFailureRate,
  classifyDeploymentFrequency,
  classifyLeadTime,
  classifyTimeToRestore,
  compareValues,
  EMPTY_AGGREGATES,
  frequencyFigures,
  overallLevel,
  summarize,
} from "@/lib/dora/classify";
import { DAY_SECONDS, HOUR_SECONDS, WEEK_SECONDS } from "@/lib/dora/thresholds";

describe("deployment frequency", () => {
  it("derives per day, week and 30-day month, and deploy-days per week", () => {
    expect(frequencyFigures(30, 20, 30)).toEqual({
      deployments: 30,
      deployDays: 20,
      deploymentsPerDay: 1,
      deploymentsPerWeek: 7,
      deploymentsPerMonth: 30,
      deployDaysPerWeek: (20 / 30) * 7,
    });
  });

  it("refuses a period without length", () => {
    expect(() => frequencyFigures(1, 1, 0)).toThrow(RangeError);
  });

  it.each([
    // deployments, deploy-days, days, level
    [25, 25, 35, "elite"], // exactly 5 deploy-days per week
    [100, 24, 35, "high"], // many deployments, but on 4.8 days a week
    [5, 5, 35, "high"], // exactly one a week
    [4, 4, 35, "medium"],
    [1, 1, 30, "medium"], // exactly one per 30-day month
    [1, 1, 31, "low"],
    [0, 0, 30, "low"], // nothing deployed is a frequency too: low
  ] as const)("%i deployments on %i days in %i days is %s", (deployments, days, period, level) => {
    expect(classifyDeploymentFrequency(frequencyFigures(deployments, days, period))).toBe(level);
  });
});

describe("lead time", () => {
  it.each([
    [null, null],
    [1, "elite"],
    [DAY_SECONDS - 1, "elite"],
    [DAY_SECONDS, "high"],
    [WEEK_SECONDS - 1, "high"],
    [WEEK_SECONDS, "medium"],
    [30 * DAY_SECONDS - 1, "medium"],
    [30 * DAY_SECONDS, "low"],
    [400 * DAY_SECONDS, "low"],
  ] as const)("median %s s is %s", (seconds, level) => {
    expect(classifyLeadTime(seconds)).toBe(level);
  });
});

describe("change failure rate", () => {
  it("is no data without deployments, and 0 with deployments that all went well", () => {
    expect(changeFailureRate(0, 0)).toBeNull();
    expect(changeFailureRate(0, 4)).toBe(0);
    expect(changeFailureRate(4, 4)).toBe(1);
  });

  it("cannot exceed 100 %: more failures than changes is a bug, not a rate", () => {
    expect(() => changeFailureRate(5, 4)).toThrow(RangeError);
    expect(() => changeFailureRate(-1, 4)).toThrow(RangeError);
  });

  it.each([
    [null, null],
    [0, "elite"],
    [changeFailureRate(1, 20), "elite"], // exactly 5 %
    [changeFailureRate(3, 60), "elite"], // 5 % in floating point
    [changeFailureRate(21, 400), "high"], // 5.25 %
    [changeFailureRate(1, 10), "high"], // exactly 10 %
    [changeFailureRate(3, 30), "high"],
    [changeFailureRate(3, 20), "medium"], // exactly 15 %
    [changeFailureRate(4, 26), "low"], // 15.4 %
    [1, "low"],
  ] as const)("%s is %s", (rate, level) => {
    expect(classifyChangeFailureRate(rate)).toBe(level);
  });
});

describe("time to restore", () => {
  it.each([
    [null, null],
    [0, "elite"],
    [HOUR_SECONDS - 1, "elite"],
    [HOUR_SECONDS, "high"],
    [DAY_SECONDS - 1, "high"],
    [DAY_SECONDS, "medium"],
    [WEEK_SECONDS - 1, "medium"],
    [WEEK_SECONDS, "low"],
  ] as const)("median %s s is %s", (seconds, level) => {
    expect(classifyTimeToRestore(seconds)).toBe(level);
  });
});

describe("overall level", () => {
  it.each([
    [[], null],
    [[null, null, null, null], null],
    [["elite"], "elite"],
    [["elite", null, null, null], "elite"],
    [["elite", "low"], "low"],
    [["elite", "elite", "high", "low"], "high"],
    [["elite", "elite", "low", "low"], "low"],
    [["elite", "high", "medium"], "high"],
    [["medium", "high", "medium", "elite"], "medium"],
    [["high", "high", "high", "high"], "high"],
  ] as const)("%j → %s", (levels, overall) => {
    expect(overallLevel(levels)).toBe(overall);
  });
});

describe("change against the previous period", () => {
  it("knows which way is better for each metric", () => {
    expect(compareValues("deploymentFrequency", 10, 5)).toEqual({ current: 10, previous: 5, delta: 5, relative: 1, trend: "better" });
    expect(compareValues("leadTime", 3600, 7200)).toMatchObject({ delta: -3600, relative: -0.5, trend: "better" });
    expect(compareValues("changeFailureRate", 0.2, 0.1)).toMatchObject({ trend: "worse" });
    expect(compareValues("timeToRestore", 600, 600)).toMatchObject({ delta: 0, relative: 0, trend: "unchanged" });
  });

  it("has no change when either period has no data, and no relative change from zero", () => {
    expect(compareValues("changeFailureRate", 0.1, null)).toEqual({ current: 0.1, previous: null, delta: null, relative: null, trend: null });
    expect(compareValues("leadTime", null, 10)).toMatchObject({ delta: null, trend: null });
    expect(compareValues("deploymentFrequency", 3, 0)).toMatchObject({ delta: 3, relative: null, trend: "better" });
    expect(compareValues("changeFailureRate", 0.1 + 0.2, 0.3)).toMatchObject({ trend: "unchanged" });
  });
});

describe("summarize", () => {
  it("makes an empty period no data, except a (low) frequency", () => {
    const summary = summarize(EMPTY_AGGREGATES, 30);
    expect(summary.deploymentFrequency).toMatchObject({ deployments: 0, deploymentsPerWeek: 0, level: "low" });
    expect(summary.leadTime).toMatchObject({ medianSeconds: null, level: null });
    expect(summary.changeFailureRate).toMatchObject({ changes: 0, rate: null, level: null });
    expect(summary.timeToRestore).toMatchObject({ failures: 0, unresolved: 0, medianSeconds: null, level: null });
    expect(summary.overall).toBe("low");
  });

  it("has no level at all when no service is in scope", () => {
    const summary = summarize(EMPTY_AGGREGATES, 30, false);
    expect(summary.deploymentFrequency.level).toBeNull();
    expect(summary.overall).toBeNull();
  });

  it("classifies each metric and the overall level from one period's aggregates", () => {
    const summary = summarize(
      { ...EMPTY_AGGREGATES, deployments: 40, deployDays: 20, changes: 40, failedChanges: 2, leadTimeCommits: 90, leadTimeMedianSeconds: 5 * HOUR_SECONDS, leadTimeP90Seconds: 2 * DAY_SECONDS, failures: 3, restored: 2, restoreMedianSeconds: 1800 },
      28,
    );
    expect(summary.deploymentFrequency).toMatchObject({ deploymentsPerWeek: 10, deployDaysPerWeek: 5, level: "elite" });
    expect(summary.leadTime.level).toBe("elite");
    expect(summary.changeFailureRate).toMatchObject({ rate: 0.05, level: "elite" });
    expect(summary.timeToRestore).toMatchObject({ unresolved: 1, level: "elite" });
    expect(summary.overall).toBe("elite");
  });
});
