export interface ChangeLine {
  /** Empty for a value that is not an object. */
  key: string;
  before?: string;
  after?: string;
}

const MAX_VALUE = 80;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function formatValue(value: unknown): string {
  const text = typeof value === "string" ? value : value === undefined ? "" : JSON.stringify(value);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/**
 * What an audit event changed, one line per field: changed fields as before → after, added ones
 * with only `after`, removed ones with only `before`. Unchanged fields are left out.
 */
export function summarizeChange(before: unknown, after: unknown): ChangeLine[] {
  const hasBefore = before !== null && before !== undefined;
  const hasAfter = after !== null && after !== undefined;
  if (!hasBefore && !hasAfter) return [];
  if ((hasBefore && !isRecord(before)) || (hasAfter && !isRecord(after))) {
    return [{ key: "", ...(hasBefore ? { before: formatValue(before) } : {}), ...(hasAfter ? { after: formatValue(after) } : {}) }];
  }
  const b = (before ?? {}) as Record<string, unknown>;
  const a = (after ?? {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const lines: ChangeLine[] = [];
  for (const key of keys) {
    const inBefore = key in b;
    const inAfter = key in a;
    if (inBefore && inAfter && JSON.stringify(b[key]) === JSON.stringify(a[key])) continue;
    lines.push({ key, ...(inBefore ? { before: formatValue(b[key]) } : {}), ...(inAfter ? { after: formatValue(a[key]) } : {}) });
  }
  return lines;
}
