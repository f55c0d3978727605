import { describe, expect, it } from "vitest";
import { describeSeconds, describeThreshold, thresholdRows, THRESHOLDS } from "@/lib/dora/thresholds";

describe("thresholds table", () => {
  it("is described in words from the numbers themselves", () => {
    expect(thresholdRows()).toEqual([
      {
        metric: "deploymentFrequency",
        label: "Deployment frequency",
        levels: { elite: "≥ 5 deploy-days per week", high: "≥ 1 deployment per week", medium: "≥ 1 deployment per month", low: "< 1 deployment per month" },
      },
      { metric: "leadTime", label: "Lead time for changes", levels: { elite: "< 1 day", high: "< 1 week", medium: "< 30 days", low: "≥ 30 days" } },
      { metric: "changeFailureRate", label: "Change failure rate", levels: { elite: "≤ 5 %", high: "≤ 10 %", medium: "≤ 15 %", low: "> 15 %" } },
      { metric: "timeToRestore", label: "Time to restore service", levels: { elite: "< 1 hour", high: "< 1 day", medium: "< 1 week", low: "≥ 1 week" } },
    ]);
  });

  it("lists every metric's levels from elite down", () => {
    for (const rows of Object.values(THRESHOLDS)) expect(rows.map((r) => r.level)).toEqual(["elite", "high", "medium"]);
  });

  it("words other values too", () => {
    expect(describeSeconds(90 * 60)).toBe("90 minutes");
    expect(describeSeconds(45)).toBe("45 seconds");
    expect(describeSeconds(2 * 3600)).toBe("2 hours");
    expect(describeThreshold({ level: "elite", measure: "ratio", atMost: 0.025 })).toBe("≤ 2.5 %");
    expect(describeThreshold({ level: "high", measure: "deploymentsPerWeek", atLeast: 3 })).toBe("≥ 3 deployments per week");
  });
});
