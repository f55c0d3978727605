import { describe, expect, it } from "vitest";
import { computeAggregates, computeWeekly, percentileCont, weekStart, weeksOf } from "@/lib/dora/definitions";
import { aggregates, at, History, HOUR, MINUTE, PRODUCTION_SCOPE, scenarios } from "./history";

describe("DORA definitions (reference)", () => {
  for (const scenario of scenarios()) {
    it(scenario.name, () => {
      const result = computeAggregates(scenario.history.facts, scenario.scope(scenario.history), scenario.period);
      expect(result).toEqual(scenario.expected);
    });
  }

  it("never reports a change failure rate above 100 %: failed changes are a subset of changes", () => {
    for (const scenario of scenarios()) {
      const result = computeAggregates(scenario.history.facts, scenario.scope(scenario.history), scenario.period);
      expect(result.failedChanges).toBeLessThanOrEqual(result.changes);
    }
  });
});

describe("percentileCont", () => {
  it("interpolates like Postgres' percentile_cont", () => {
    expect(percentileCont([], 0.5)).toBeNull();
    expect(percentileCont([7], 0.9)).toBe(7);
    expect(percentileCont([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentileCont([10, 1, 5], 0.5)).toBe(5);
    expect(percentileCont([0, 10], 0.9)).toBe(9);
    expect(percentileCont([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBeCloseTo(9.1, 10);
  });
});

describe("weeks", () => {
  it("start on Monday 00:00 UTC", () => {
    expect(weekStart(new Date("2026-01-11T23:59:59Z")).toISOString()).toBe("2026-01-05T00:00:00.000Z");
    expect(weekStart(new Date("2026-01-12T00:00:00Z")).toISOString()).toBe("2026-01-12T00:00:00.000Z");
    expect(weekStart(new Date("2026-01-01T12:00:00Z")).toISOString()).toBe("2025-12-29T00:00:00.000Z");
  });

  it("cover a period from the week of its start to the week of its last instant", () => {
    const weeks = weeksOf({ start: new Date("2026-01-07T00:00:00Z"), end: new Date("2026-01-19T00:00:00Z") });
    expect(weeks.map((w) => w.toISOString().slice(0, 10))).toEqual(["2026-01-05", "2026-01-12"]);
  });

  it("split the aggregates by week, clipped to the period", () => {
    const h = new History();
    const svc = h.service("weekly");
    h.deploy(svc, h.artifact(svc, [{ committedAt: at(1) }]), { startedAt: at(1, 1) });
    h.deploy(svc, h.artifact(svc, [{ committedAt: at(8) }]), { startedAt: at(8, 2), outcome: "Failed" });
    h.deploy(svc, h.artifact(svc, [{ committedAt: at(9) }]), { startedAt: at(9, 3) });
    const weekly = computeWeekly(h.facts, PRODUCTION_SCOPE, { start: at(1), end: at(10) });
    expect(weekly.map((w) => w.weekStart.toISOString())).toEqual([at(0).toISOString(), at(7).toISOString()]);
    expect(weekly[0]!.aggregates).toEqual(
      aggregates({ deployments: 1, deployDays: 1, changes: 1, leadTimeCommits: 1, leadTimeMedianSeconds: (HOUR + 10 * MINUTE) / 1000, leadTimeP90Seconds: (HOUR + 10 * MINUTE) / 1000 }),
    );
    expect(weekly[1]!.aggregates).toMatchObject({ deployments: 1, changes: 2, failedChanges: 1, failures: 1, restored: 1, restoreMedianSeconds: (25 * HOUR + 10 * MINUTE) / 1000 });
    // (from the failed rollout's start, day 8 02:00, to the next success's finish, day 9 03:10)
  });
});

