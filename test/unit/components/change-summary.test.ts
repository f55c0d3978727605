import { describe, expect, it } from "vitest";
import { formatValue, summarizeChange } from "@/components/audit/change-summary";

describe("summarizeChange", () => {
  it("is empty without before or after", () => {
    expect(summarizeChange(null, null)).toEqual([]);
    expect(summarizeChange(undefined, null)).toEqual([]);
  });

  it("lists the fields of a creation", () => {
    expect(summarizeChange(null, { email: "a@example.com", password: "set" })).toEqual([
      { key: "email", after: "a@example.com" },
      { key: "password", after: "set" },
    ]);
  });

  it("lists the fields of a removal", () => {
    expect(summarizeChange({ role: "admin", scope: "global" }, null)).toEqual([
      { key: "role", before: "admin" },
      { key: "scope", before: "global" },
    ]);
  });

  it("shows only changed fields of an update, and added or removed ones", () => {
    expect(summarizeChange({ name: "Ada", disabled: false, old: 1 }, { name: "Ada", disabled: true, password: "reset" })).toEqual([
      { key: "disabled", before: "false", after: "true" },
      { key: "old", before: "1" },
      { key: "password", after: "reset" },
    ]);
  });

  it("compares nested values structurally", () => {
    expect(summarizeChange({ teams: ["a", "b"] }, { teams: ["a", "b"] })).toEqual([]);
    expect(summarizeChange({ teams: ["a"] }, { teams: ["a", "b"] })).toEqual([{ key: "teams", before: '["a"]', after: '["a","b"]' }]);
  });

  it("handles values that are not objects", () => {
    expect(summarizeChange("Queued", "Deploying")).toEqual([{ key: "", before: "Queued", after: "Deploying" }]);
    expect(summarizeChange(null, [1, 2])).toEqual([{ key: "", after: "[1,2]" }]);
  });

  it("keeps markup as plain text (React escapes it when rendering)", () => {
    expect(summarizeChange(null, { name: "<img src=x onerror=alert(1)>" })).toEqual([{ key: "name", after: "<img src=x onerror=alert(1)>" }]);
  });
});

describe("formatValue", () => {
  it("truncates long values", () => {
    const text = formatValue("x".repeat(200));
    expect(text).toHaveLength(80);
    expect(text.endsWith("…")).toBe(true);
  });
});
