import type { AuditEventView } from "./list-audit-events";

const COLUMNS = ["id", "occurredAt", "actorLabel", "action", "targetType", "targetId", "serviceId", "environmentId", "before", "after", "requestId", "ip"] as const;

// A formula starts with = + - @ (or their full-width forms, which some spreadsheets also read as
// formulas), possibly after blanks the spreadsheet skips; a leading tab or CR is refused as well.
const FORMULA_START = /^\s*[=+\-@\uff1d\uff0b\uff0d\uff20]|^[\t\r]/;

/**
 * RFC 4180 quoting, plus a leading quote on text cells a spreadsheet would run as a formula. Numbers
 * are left alone: a negative lead time must stay a number, and a number cannot be a formula.
 */
export function csvCell(value: unknown): string {
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  let text = value === null || value === undefined ? "" : value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function auditEventsToCsv(events: AuditEventView[]): string {
  const lines = [COLUMNS.join(",")];
  for (const event of events) lines.push(COLUMNS.map((column) => csvCell(event[column])).join(","));
  return lines.join("\r\n") + "\r\n";
}
