/** How a metric's values read to a person; only affects explanations, never the verdict. */
export type MetricUnit = "ratio" | "seconds" | "cores" | "count" | "none";

function significant(value: number, digits = 3): string {
  if (value === 0) return "0";
  const abs = Math.abs(value);
  if (abs >= 10 ** digits) return Math.round(value).toLocaleString("en-US");
  return Number(value.toPrecision(digits)).toString();
}

export function formatValue(value: number | null, unit: MetricUnit): string {
  if (value === null || Number.isNaN(value)) return "n/a";
  if (!Number.isFinite(value)) return value > 0 ? "∞" : "−∞";
  switch (unit) {
    case "ratio":
      return `${significant(value * 100)}%`;
    case "seconds":
      return Math.abs(value) < 1 ? `${significant(value * 1000)} ms` : `${significant(value)} s`;
    case "cores":
      return `${significant(value)} cores`;
    case "count":
    case "none":
      return significant(value);
  }
}

/** A relative change as a percentage: "38%", "2.1%", "0.4%". */
export function formatPercent(relative: number): string {
  const pct = Math.abs(relative) * 100;
  if (pct >= 10) return `${Math.round(pct)}%`;
  return `${Number(pct.toFixed(1))}%`;
}

export function formatPValue(p: number): string {
  if (p < 0.0001) return "p < 0.0001";
  return `p = ${Number(p.toPrecision(2))}`;
}
