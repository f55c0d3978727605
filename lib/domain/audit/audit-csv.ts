import type { AuditEventView } from "./list-audit-events";

const COLUMNS = ["id", "occurredAt", "actorLabel", "action", "targetType", "targetId", "serviceId", "environmentId", "before", "after", "requestId", "ip"] as const;

/** RFC 4180 quoting, plus a leading quote on cells a spreadsheet would run as a formula. */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? "" : value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function auditEventsToCsv(events: AuditEventView[]): string {
  const lines = [COLUMNS.join(",")];
  for (const event of events) lines.push(COLUMNS.map((column) => csvCell(event[column])).join(","));
  return lines.join("\r\n") + "\r\n";
}
