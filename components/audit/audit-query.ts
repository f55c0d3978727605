import { auditFilterInput, type AuditFilter } from "@/lib/domain/audit/list-audit-events";

/** The audit page's query string: the same names `GET /api/v1/audit` takes, so links carry over. */
export const AUDIT_PARAMS = ["actor", "action", "serviceId", "environmentId", "from", "to", "cursor"] as const;

export type AuditParamName = (typeof AUDIT_PARAMS)[number];
export type AuditParams = Partial<Record<AuditParamName, string>>;

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/**
 * A `datetime-local` value carries no zone. The page labels its time inputs as UTC, so read them
 * as UTC (the server's own zone must not change what a filter means).
 */
export function asUtc(value: string): string {
  return LOCAL_DATE_TIME.test(value) ? `${value}Z` : value;
}

/** The value for a `datetime-local` input showing a UTC instant: "2025-03-14T09:26". */
export function toDateTimeLocal(date: Date): string {
  return date.toISOString().slice(0, 16);
}

export function readAuditParams(searchParams: Record<string, string | string[] | undefined>): AuditParams {
  const params: AuditParams = {};
  for (const name of AUDIT_PARAMS) {
    const raw = searchParams[name];
    const value = (Array.isArray(raw) ? raw[0] : raw)?.trim();
    if (value) params[name] = name === "from" || name === "to" ? asUtc(value) : value;
  }
  return params;
}

/** Validates the params into the domain filter, or the reasons they are wrong. */
export function auditFilterFrom(params: AuditParams, limit = 50): { ok: true; filter: AuditFilter } | { ok: false; problems: string[] } {
  const result = auditFilterInput.safeParse({ ...params, limit });
  if (result.success) return { ok: true, filter: result.data };
  const names: Record<string, string> = { serviceId: "Service", environmentId: "Environment", from: "From", to: "To", cursor: "Page" };
  return {
    ok: false,
    problems: result.error.issues.map((issue) => {
      const field = String(issue.path[0] ?? "");
      return `${names[field] ?? field.charAt(0).toUpperCase() + field.slice(1)}: ${issue.message}`;
    }),
  };
}

/** A URL with the given params (empty ones dropped), in a stable order. */
export function auditHref(path: string, params: AuditParams & Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) query.set(name, value);
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

/** Filters without the page cursor: what "Older" and the CSV export keep. */
export function withoutCursor(params: AuditParams): AuditParams {
  const { cursor: _cursor, ...rest } = params;
  return rest;
}
