import { describe, expect, it } from "vitest";
import { formatChange, formatPercent, formatRate, formatSeconds, levelLabel, levelTone } from "@/components/dora/dora-format";

describe("DORA formatting", () => {
  it.each([
    [null, "No data"],
    [0, "0s"],
    [42, "42s"],
    [90, "2m"],
    [3599, "60m"],
    [3600, "1h"],
    [3600 + 25 * 60, "1h 25m"],
    [2 * 3600 - 10, "2h"],
    [36 * 3600, "1.5d"],
    [2 * 86_400, "2d"],
    [45 * 86_400, "45d"],
    [-600, "−10m"],
  ])("%s seconds read %s", (seconds, text) => {
    expect(formatSeconds(seconds)).toBe(text);
  });

  it("writes rates as percent, and no data as no data", () => {
    expect(formatPercent(null)).toBe("No data");
    expect(formatPercent(0)).toBe("0 %");
    expect(formatPercent(0.07017)).toBe("7 %");
    expect(formatPercent(0.0625)).toBe("6.3 %");
    expect(formatPercent(0.5)).toBe("50 %");
    expect(formatPercent(1)).toBe("100 %");
  });

  it("rounds rates to what they are worth", () => {
    expect([0, 0.123, 0.5, 2.25, 9.96, 12.4].map(formatRate)).toEqual(["0", "0.12", "0.5", "2.3", "10", "12"]);
  });

  it("describes changes in each metric's unit", () => {
    expect(formatChange("deploymentFrequency", { current: 2.5, previous: 0.5, delta: 2, relative: 4, trend: "better" })).toBe("+2 / week (+400 %)");
    expect(formatChange("deploymentFrequency", { current: 1, previous: 0, delta: 1, relative: null, trend: "better" })).toBe("+1 / week");
    expect(formatChange("leadTime", { current: 3600, previous: 7800, delta: -4200, relative: -0.54, trend: "better" })).toBe("−1h 10m");
    expect(formatChange("changeFailureRate", { current: 0.5, previous: 0, delta: 0.5, relative: null, trend: "worse" })).toBe("+50 pts");
    expect(formatChange("timeToRestore", { current: 60, previous: 60, delta: 0, relative: 0, trend: "unchanged" })).toBe("No change");
    expect(formatChange("timeToRestore", { current: null, previous: 60, delta: null, relative: null, trend: null })).toBeNull();
  });

  it("gives each level its badge", () => {
    expect([levelTone("elite"), levelTone("high"), levelTone("medium"), levelTone("low"), levelTone(null)]).toEqual(["success", "info", "warning", "danger", "neutral"]);
    expect([levelLabel("elite"), levelLabel(null)]).toEqual(["Elite", "No data"]);
  });
});
