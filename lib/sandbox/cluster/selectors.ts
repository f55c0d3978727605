/** Label selectors (equality and set-based) and field selectors, as the API server parses them. */
export type Requirement =
  | { key: string; op: "=" | "!="; value: string }
  | { key: string; op: "in" | "notin"; values: string[] }
  | { key: string; op: "exists" | "!exists" };

export class SelectorError extends Error {}

/** Splits on commas that are not inside parentheses. */
function splitTerms(selector: string) {
  const terms: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of selector) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      terms.push(current);
      current = "";
    } else current += ch;
  }
  terms.push(current);
  return terms.map((t) => t.trim()).filter(Boolean);
}

export function parseLabelSelector(selector: string | null | undefined): Requirement[] {
  if (!selector) return [];
  return splitTerms(selector).map((term) => {
    let match = /^([^\s!=()]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
    if (match) {
      const values = (match[3] ?? "").split(",").map((v) => v.trim()).filter(Boolean);
      return { key: match[1] ?? "", op: match[2] as "in" | "notin", values };
    }
    match = /^([^\s!=]+)\s*(==|=|!=)\s*([^\s]*)$/.exec(term);
    if (match) return { key: match[1] ?? "", op: match[2] === "!=" ? "!=" : "=", value: match[3] ?? "" };
    match = /^(!?)([^\s!=()]+)$/.exec(term);
    if (match) return { key: match[2] ?? "", op: match[1] ? "!exists" : "exists" };
    throw new SelectorError(`unable to parse requirement: "${term}"`);
  });
}

export function matchesRequirements(labels: Record<string, string> | undefined, requirements: Requirement[]) {
  const l = labels ?? {};
  return requirements.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case "=":
        return has && l[r.key] === r.value;
      case "!=":
        return !has || l[r.key] !== r.value;
      case "in":
        return has && r.values.includes(l[r.key] as string);
      case "notin":
        return !has || !r.values.includes(l[r.key] as string);
      case "exists":
        return has;
      case "!exists":
        return !has;
    }
  });
}

export type FieldRequirement = { path: string; op: "=" | "!="; value: string };

export function parseFieldSelector(selector: string | null | undefined): FieldRequirement[] {
  if (!selector) return [];
  return splitTerms(selector).map((term) => {
    const match = /^([^\s!=]+)\s*(==|=|!=)\s*(.*)$/.exec(term);
    if (!match) throw new SelectorError(`invalid field selector: "${term}"`);
    return { path: match[1] ?? "", op: match[2] === "!=" ? "!=" : "=", value: match[3] ?? "" };
  });
}

export function matchesFields(object: unknown, requirements: FieldRequirement[]) {
  return requirements.every((r) => {
    let value: unknown = object;
    for (const part of r.path.split(".")) value = (value as Record<string, unknown> | undefined)?.[part];
    const text = value === undefined || value === null ? "" : String(value);
    return r.op === "=" ? text === r.value : text !== r.value;
  });
}

/** A Deployment's `spec.selector` (LabelSelector) as the string form used in list queries. */
export function labelSelectorToString(selector: {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}) {
  const terms = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions ?? []) {
    if (e.operator === "In") terms.push(`${e.key} in (${(e.values ?? []).join(",")})`);
    else if (e.operator === "NotIn") terms.push(`${e.key} notin (${(e.values ?? []).join(",")})`);
    else if (e.operator === "Exists") terms.push(e.key);
    else if (e.operator === "DoesNotExist") terms.push(`!${e.key}`);
  }
  return terms.join(",");
}
