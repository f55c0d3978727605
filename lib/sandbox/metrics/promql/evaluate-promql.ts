import type { Labels, SeriesCatalog, SeriesEntry } from "../series-catalog";
import { matchesLabel, PromQLError, type Expr, type Matcher } from "./parse-promql";

export type VectorSample = { labels: Labels; value: number };
export type EvalValue = { kind: "scalar"; value: number } | { kind: "vector"; samples: VectorSample[] };

/** Shortest stretch of a series inside a range window for rate()/increase() to answer (Prometheus needs two scrapes). */
const MIN_RANGE_COVERAGE_SECONDS = 1;

function labelSignature(labels: Labels, drop: (name: string) => boolean = (n) => n === "__name__"): string {
  return Object.keys(labels)
    .filter((k) => !drop(k))
    .sort()
    .map((k) => `${k}\u0000${labels[k]}`)
    .join("\u0001");
}

// Series labels are stable objects for the life of a catalog, and a range query evaluates the
// same expression hundreds of times: memoising by object identity keeps that cheap.
const strippedLabels = new WeakMap<Labels, Labels>();
const selections = new WeakMap<SeriesCatalog, Map<Matcher[], SeriesEntry[]>>();
const groupings = new WeakMap<Labels, Map<string, { labels: Labels; key: string }>>();

function withoutName(labels: Labels): Labels {
  let stripped = strippedLabels.get(labels);
  if (!stripped) {
    const { __name__: _, ...rest } = labels;
    stripped = rest;
    strippedLabels.set(labels, stripped);
  }
  return stripped;
}

function select(catalog: SeriesCatalog, matchers: Matcher[]): SeriesEntry[] {
  let byMatchers = selections.get(catalog);
  if (!byMatchers) {
    byMatchers = new Map();
    selections.set(catalog, byMatchers);
  }
  let selected = byMatchers.get(matchers);
  if (!selected) {
    selected = catalog.series.filter((s) => matchers.every((m) => matchesLabel(m, s.labels[m.name] ?? "")));
    byMatchers.set(matchers, selected);
  }
  return selected;
}

function groupOf(labels: Labels, grouping: { without: boolean; labels: string[] } | null): { labels: Labels; key: string } {
  const groupingKey = grouping ? `${grouping.without ? "without" : "by"}:${grouping.labels.join(",")}` : "";
  let cache = groupings.get(labels);
  if (!cache) {
    cache = new Map();
    groupings.set(labels, cache);
  }
  let group = cache.get(groupingKey);
  if (!group) {
    let result: Labels;
    if (!grouping) result = {};
    else if (grouping.without) {
      result = { ...withoutName(labels) };
      for (const l of grouping.labels) delete result[l];
    } else {
      result = {};
      for (const l of grouping.labels) if (labels[l] !== undefined && labels[l] !== "") result[l] = labels[l]!;
    }
    group = { labels: result, key: labelSignature(result) };
    cache.set(groupingKey, group);
  }
  return group;
}

/** Evaluates an expression at unix time t (seconds) against the series of the catalog. */
export function evaluateAt(expr: Expr, t: number, catalog: SeriesCatalog): EvalValue {
  switch (expr.type) {
    case "number":
      return { kind: "scalar", value: expr.value };
    case "selector":
      return {
        kind: "vector",
        samples: select(catalog, expr.matchers)
          .filter((s) => s.start <= t && t <= s.end)
          .map((s) => ({ labels: s.labels, value: s.valueAt(t) })),
      };
    case "range":
      throw new PromQLError("unsupported", "a range vector can only be the argument of rate() or increase() in the sandbox PromQL subset");
    case "negate": {
      const inner = evaluateAt(expr.expr, t, catalog);
      return inner.kind === "scalar" ? { kind: "scalar", value: -inner.value } : { kind: "vector", samples: inner.samples.map((s) => ({ labels: withoutName(s.labels), value: -s.value })) };
    }
    case "call":
      return evaluateCall(expr, t, catalog);
    case "aggregate":
      return aggregate(expr, t, catalog);
    case "binary":
      return binary(expr.op, evaluateAt(expr.lhs, t, catalog), evaluateAt(expr.rhs, t, catalog));
  }
}

function evaluateCall(expr: Extract<Expr, { type: "call" }>, t: number, catalog: SeriesCatalog): EvalValue {
  if (expr.fn === "rate" || expr.fn === "increase") {
    const range = expr.args[0] as Extract<Expr, { type: "range" }>;
    const samples: VectorSample[] = [];
    for (const s of select(catalog, range.matchers)) {
      const from = Math.max(t - range.rangeSeconds, s.start);
      const to = Math.min(t, s.end);
      if (to - from < MIN_RANGE_COVERAGE_SECONDS) continue;
      // A series that starts inside the window starts from zero, so its increase is its value;
      // Prometheus gets the same by extrapolating a counter back to its zero point.
      const increase = Math.max(0, s.valueAt(to) - (from === s.start ? 0 : s.valueAt(from)));
      samples.push({ labels: withoutName(s.labels), value: expr.fn === "rate" ? increase / range.rangeSeconds : increase });
    }
    return { kind: "vector", samples };
  }
  const phi = evaluateAt(expr.args[0]!, t, catalog);
  if (phi.kind !== "scalar") throw new PromQLError("execution", "histogram_quantile() expects a scalar as its first argument");
  const buckets = evaluateAt(expr.args[1]!, t, catalog);
  if (buckets.kind !== "vector") throw new PromQLError("execution", "histogram_quantile() expects an instant vector as its second argument");
  const groups = new Map<string, { labels: Labels; buckets: Array<{ upper: number; count: number }> }>();
  for (const sample of buckets.samples) {
    const le = sample.labels.le;
    if (le === undefined) continue;
    const upper = le === "+Inf" || le === "Inf" ? Infinity : Number(le);
    if (Number.isNaN(upper)) continue;
    const key = labelSignature(sample.labels, (n) => n === "le" || n === "__name__");
    let group = groups.get(key);
    if (!group) {
      const { le: _, __name__: __, ...labels } = sample.labels;
      group = { labels, buckets: [] };
      groups.set(key, group);
    }
    group.buckets.push({ upper, count: sample.value });
  }
  return { kind: "vector", samples: [...groups.values()].map((g) => ({ labels: g.labels, value: bucketQuantile(phi.value, g.buckets) })) };
}

/** Prometheus' bucketQuantile: linear interpolation within the bucket that holds the rank. */
export function bucketQuantile(q: number, input: Array<{ upper: number; count: number }>): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = [...input].sort((a, b) => a.upper - b.upper);
  if (sorted.length === 0 || sorted.at(-1)!.upper !== Infinity) return NaN;
  const buckets: Array<{ upper: number; count: number }> = [];
  for (const b of sorted) {
    const last = buckets.at(-1);
    if (last && last.upper === b.upper) last.count += b.count;
    else buckets.push({ ...b });
  }
  let max = -Infinity;
  for (const b of buckets) {
    if (b.count < max) b.count = max;
    else max = b.count;
  }
  if (buckets.length < 2) return NaN;
  const observations = buckets.at(-1)!.count;
  if (!(observations > 0)) return NaN;
  let rank = q * observations;
  let i = 0;
  while (i < buckets.length - 1 && !(buckets[i]!.count >= rank)) i++;
  if (i === buckets.length - 1) return buckets[buckets.length - 2]!.upper;
  if (i === 0 && buckets[0]!.upper <= 0) return buckets[0]!.upper;
  let start = 0;
  let count = buckets[i]!.count;
  if (i > 0) {
    start = buckets[i - 1]!.upper;
    count -= buckets[i - 1]!.count;
    rank -= buckets[i - 1]!.count;
  }
  return start + (buckets[i]!.upper - start) * (rank / count);
}

function aggregate(expr: Extract<Expr, { type: "aggregate" }>, t: number, catalog: SeriesCatalog): EvalValue {
  const inner = evaluateAt(expr.expr, t, catalog);
  if (inner.kind !== "vector") throw new PromQLError("execution", `${expr.op}() expects an instant vector`);
  const groups = new Map<string, { labels: Labels; values: number[] }>();
  for (const sample of inner.samples) {
    const { labels, key } = groupOf(sample.labels, expr.grouping);
    const group = groups.get(key);
    if (group) group.values.push(sample.value);
    else groups.set(key, { labels, values: [sample.value] });
  }
  const reduce = (values: number[]): number => {
    switch (expr.op) {
      case "sum":
        return values.reduce((a, b) => a + b, 0);
      case "avg":
        return values.reduce((a, b) => a + b, 0) / values.length;
      case "min":
        return values.reduce((a, b) => (Number.isNaN(a) || b < a ? b : a));
      case "max":
        return values.reduce((a, b) => (Number.isNaN(a) || b > a ? b : a));
      case "count":
        return values.length;
    }
  };
  return { kind: "vector", samples: [...groups.values()].map((g) => ({ labels: g.labels, value: reduce(g.values) })) };
}

function apply(op: "+" | "-" | "*" | "/", a: number, b: number): number {
  switch (op) {
    case "+":
      return a + b;
    case "-":
      return a - b;
    case "*":
      return a * b;
    case "/":
      return a / b;
  }
}

function binary(op: "+" | "-" | "*" | "/", lhs: EvalValue, rhs: EvalValue): EvalValue {
  if (lhs.kind === "scalar" && rhs.kind === "scalar") return { kind: "scalar", value: apply(op, lhs.value, rhs.value) };
  if (lhs.kind === "vector" && rhs.kind === "scalar") {
    return { kind: "vector", samples: lhs.samples.map((s) => ({ labels: withoutName(s.labels), value: apply(op, s.value, rhs.value) })) };
  }
  if (lhs.kind === "scalar" && rhs.kind === "vector") {
    return { kind: "vector", samples: rhs.samples.map((s) => ({ labels: withoutName(s.labels), value: apply(op, lhs.value, s.value) })) };
  }
  // One-to-one matching on all labels but the metric name.
  const left = lhs as Extract<EvalValue, { kind: "vector" }>;
  const right = rhs as Extract<EvalValue, { kind: "vector" }>;
  const bySignature = new Map<string, VectorSample>();
  for (const s of right.samples) {
    const key = labelSignature(s.labels);
    if (bySignature.has(key)) throw new PromQLError("execution", "found duplicate series for the match group on the right hand-side of the operation; many-to-many matching not allowed");
    bySignature.set(key, s);
  }
  const seen = new Set<string>();
  const samples: VectorSample[] = [];
  for (const s of left.samples) {
    const key = labelSignature(s.labels);
    const match = bySignature.get(key);
    if (!match) continue;
    if (seen.has(key)) throw new PromQLError("execution", "found duplicate series for the match group on the left hand-side of the operation; many-to-many matching not allowed");
    seen.add(key);
    samples.push({ labels: withoutName(s.labels), value: apply(op, s.value, match.value) });
  }
  return { kind: "vector", samples };
}

export type RangeResult = { kind: "matrix"; series: Array<{ labels: Labels; values: Array<[number, number]> }> };

/** Evaluates at start, start + step, … ≤ end, like Prometheus' range queries. */
export function evaluateRange(expr: Expr, start: number, end: number, step: number, catalog: SeriesCatalog): RangeResult {
  const bySignature = new Map<string, { labels: Labels; values: Array<[number, number]> }>();
  const points = Math.floor((end - start) / step + 1e-9);
  for (let i = 0; i <= points; i++) {
    // Millisecond timestamps, as Prometheus uses, so points line up with its answers exactly.
    const t = Math.round((start + i * step) * 1000) / 1000;
    const value = evaluateAt(expr, t, catalog);
    const samples = value.kind === "scalar" ? [{ labels: {}, value: value.value }] : value.samples;
    for (const sample of samples) {
      const key = labelSignature(sample.labels, () => false);
      let series = bySignature.get(key);
      if (!series) {
        series = { labels: sample.labels, values: [] };
        bySignature.set(key, series);
      }
      series.values.push([t, sample.value]);
    }
  }
  const series = [...bySignature.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
  return { kind: "matrix", series };
}
