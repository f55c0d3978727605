import { describe, expect, it } from "vitest";
import { asUtc, auditFilterFrom, auditHref, readAuditParams, toDateTimeLocal, withoutCursor } from "@/components/audit/audit-query";

const SERVICE = "6f1c1c1e-8b0a-4c55-9d7e-2f8f5f7a1b21";

describe("readAuditParams", () => {
  it("keeps known, non-empty params, first value of repeated ones", () => {
    expect(readAuditParams({ actor: " ada ", action: "", serviceId: [SERVICE, "x"], junk: "1" })).toEqual({ actor: "ada", serviceId: SERVICE });
  });

  it("reads zone-less times as UTC", () => {
    expect(readAuditParams({ from: "2025-03-14T09:26", to: "2025-03-15T00:00:00.000Z" })).toEqual({
      from: "2025-03-14T09:26Z",
      to: "2025-03-15T00:00:00.000Z",
    });
  });
});

describe("asUtc / toDateTimeLocal", () => {
  it("round-trips a datetime-local value as UTC", () => {
    expect(toDateTimeLocal(new Date(asUtc("2025-03-14T09:26")))).toBe("2025-03-14T09:26");
  });
});

describe("auditFilterFrom", () => {
  it("validates into the domain filter with the page size", () => {
    const result = auditFilterFrom({ actor: "ada", from: "2025-03-14T09:26Z", cursor: "120" }, 50);
    expect(result).toEqual({ ok: true, filter: { actor: "ada", from: new Date("2025-03-14T09:26:00Z"), cursor: "120", limit: 50 } });
  });

  it("names the fields that are wrong", () => {
    const result = auditFilterFrom({ serviceId: "not-a-uuid", from: "yesterday-ish", cursor: "abc" });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(3);
    expect(result.problems[0]).toMatch(/^Service: /);
    expect(result.problems[1]).toMatch(/^From: /);
    expect(result.problems[2]).toMatch(/^Page: /);
  });
});

describe("auditHref", () => {
  it("drops empty params and encodes values", () => {
    expect(auditHref("/audit", { actor: "a&b", action: undefined, cursor: "" })).toBe("/audit?actor=a%26b");
    expect(auditHref("/audit", {})).toBe("/audit");
  });

  it("builds the CSV export with the filters but not the cursor", () => {
    expect(auditHref("/api/v1/audit", { ...withoutCursor({ action: "user.", cursor: "99" }), format: "csv", limit: "1000" })).toBe(
      "/api/v1/audit?action=user.&format=csv&limit=1000",
    );
  });
});
