import { describe, expect, it } from "vitest";
import { PeriodError, resolvePeriod } from "@/lib/dora/period";

const now = new Date("2026-03-10T15:00:00Z");

describe("resolvePeriod", () => {
  it("defaults to the last 30 days, today included, ending now", () => {
    const period = resolvePeriod({}, now);
    expect(period.from).toBe("2026-02-09");
    expect(period.to).toBe("2026-03-10");
    expect(period.current.start.toISOString()).toBe("2026-02-09T00:00:00.000Z");
    expect(period.current.end.toISOString()).toBe("2026-03-10T15:00:00.000Z");
    expect(period.days).toBeCloseTo(29 + 15 / 24, 10);
    // The previous period has the same length and ends where this one starts.
    expect(period.previous.end.toISOString()).toBe("2026-02-09T00:00:00.000Z");
    expect(period.previous.start.toISOString()).toBe("2026-01-10T09:00:00.000Z");
  });

  it("takes whole past days, both ends included", () => {
    const period = resolvePeriod({ from: "2026-01-01", to: "2026-01-31" }, now);
    expect(period.current).toEqual({ start: new Date("2026-01-01T00:00:00Z"), end: new Date("2026-02-01T00:00:00Z") });
    expect(period.days).toBe(31);
    expect(period.previous).toEqual({ start: new Date("2025-12-01T00:00:00Z"), end: new Date("2026-01-01T00:00:00Z") });
  });

  it("counts back from `to` when only `to` is given", () => {
    expect(resolvePeriod({ to: "2026-01-30" }, now).from).toBe("2026-01-01");
  });

  it.each([
    [{ from: "2026-02-30" }, /not a date/],
    [{ from: "2026-03-05", to: "2026-03-01" }, /after its end/],
    [{ from: "2026-03-11", to: "2026-03-12" }, /future/],
    [{ from: "2010-01-01", to: "2026-01-01" }, /at most/],
  ])("refuses %j", (input, message) => {
    expect(() => resolvePeriod(input, now)).toThrow(PeriodError);
    expect(() => resolvePeriod(input, now)).toThrow(message);
  });
});
