import { describe, expect, it } from "vitest";
import { pickUnit, toChartData, weekLabel } from "@/components/dora/chart-data";
import type { WeeklyPoint } from "@/lib/domain/dora/get-dora-report";
import { EMPTY_AGGREGATES } from "@/lib/dora/classify";

const week = (weekStart: string, overrides: Partial<WeeklyPoint> = {}): WeeklyPoint => ({
  ...EMPTY_AGGREGATES,
  weekStart: `${weekStart}T00:00:00.000Z`,
  days: 7,
  changeFailureRate: null,
  ...overrides,
});

describe("toChartData", () => {
  it("makes one row per week, in display units, with gaps where there is no data", () => {
    const data = toChartData([
      week("2026-01-05", { days: 3, deployments: 4, deployDays: 3, changes: 5, failedChanges: 1, changeFailureRate: 0.2, leadTimeMedianSeconds: 5400, leadTimeP90Seconds: 7200, restoreMedianSeconds: 1800, failures: 1, restored: 1 }),
      week("2026-01-12"),
      week("2026-01-19", { deployments: 1, deployDays: 1, changes: 1, changeFailureRate: 0, leadTimeMedianSeconds: 3600, leadTimeP90Seconds: 3600 }),
    ]);
    expect(data.leadTimeUnit).toBe("hours");
    expect(data.restoreUnit).toBe("minutes");
    expect(data.rows).toEqual([
      { week: "2026-01-05", label: "Jan 5", partial: true, deployments: 4, deployDays: 3, leadTimeMedian: 1.5, leadTimeP90: 2, changes: 5, failedChanges: 1, failureRatePercent: 20, restoreMedian: 30, failures: 1 },
      { week: "2026-01-12", label: "Jan 12", partial: false, deployments: 0, deployDays: 0, leadTimeMedian: null, leadTimeP90: null, changes: 0, failedChanges: 0, failureRatePercent: null, restoreMedian: null, failures: 0 },
      { week: "2026-01-19", label: "Jan 19", partial: false, deployments: 1, deployDays: 1, leadTimeMedian: 1, leadTimeP90: 1, changes: 1, failedChanges: 0, failureRatePercent: 0, restoreMedian: null, failures: 0 },
    ]);
  });

  it("handles a period without any week of data", () => {
    expect(toChartData([])).toEqual({ rows: [], leadTimeUnit: "minutes", restoreUnit: "minutes" });
  });

  it("picks the unit that keeps the largest value readable", () => {
    expect(pickUnit([null, 600, 7199])).toBe("minutes");
    expect(pickUnit([7200])).toBe("hours");
    expect(pickUnit([3 * 86_400 - 1])).toBe("hours");
    expect(pickUnit([3 * 86_400, null])).toBe("days");
  });

  it("labels weeks by their Monday in UTC", () => {
    expect(weekLabel("2025-12-29T00:00:00.000Z")).toBe("Dec 29");
  });
});
