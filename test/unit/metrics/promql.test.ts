import { describe, expect, it } from "vitest";
import { bucketQuantile, evaluateAt, evaluateRange, type EvalValue } from "@/lib/sandbox/metrics/promql/evaluate-promql";
import { parseDuration, parsePromQL, PromQLError } from "@/lib/sandbox/metrics/promql/parse-promql";
import { instantQuery, rangeQuery } from "@/lib/sandbox/metrics/query-api";
import type { Labels, SeriesCatalog, SeriesEntry } from "@/lib/sandbox/metrics/series-catalog";

/** A counter growing at `perSecond` from 0 at `start`. */
function counter(labels: Labels, perSecond: number, start = 0, end = Infinity): SeriesEntry {
  return { labels, namespace: labels.namespace ?? "ns", workload: labels.pod ?? "w", start, end, valueAt: (t) => perSecond * (t - start) };
}

const T = 10_000;
const catalog: SeriesCatalog = {
  now: T,
  series: [
    counter({ __name__: "http_requests_total", service: "api", pod: "a", code: "200" }, 9),
    counter({ __name__: "http_requests_total", service: "api", pod: "a", code: "500" }, 1),
    counter({ __name__: "http_requests_total", service: "api", pod: "b", code: "200" }, 18),
    counter({ __name__: "http_requests_total", service: "api", pod: "b", code: "503" }, 2),
    counter({ __name__: "http_requests_total", service: "web", pod: "c", code: "200" }, 5),
    // A pod that started 30 s before T and one that ended 20 s before T.
    counter({ __name__: "http_requests_total", service: "late", pod: "d", code: "200" }, 4, T - 30),
    counter({ __name__: "http_requests_total", service: "gone", pod: "e", code: "200" }, 4, 0, T - 20),
    // Histogram: 40 % of requests under 0.1 s, 90 % under 0.2 s, all under +Inf (10/s).
    counter({ __name__: "lat_bucket", service: "api", pod: "a", le: "0.1" }, 4),
    counter({ __name__: "lat_bucket", service: "api", pod: "a", le: "0.2" }, 9),
    counter({ __name__: "lat_bucket", service: "api", pod: "a", le: "+Inf" }, 10),
    counter({ __name__: "lat_bucket", service: "api", pod: "b", le: "0.1" }, 4),
    counter({ __name__: "lat_bucket", service: "api", pod: "b", le: "0.2" }, 9),
    counter({ __name__: "lat_bucket", service: "api", pod: "b", le: "+Inf" }, 10),
    // Two metrics with the same labels: one match group once the names are dropped.
    counter({ __name__: "foo", job: "j" }, 1),
    counter({ __name__: "bar", job: "j" }, 2),
  ],
};

const run = (query: string, t = T): EvalValue => evaluateAt(parsePromQL(query), t, catalog);
const vector = (query: string, t = T) => {
  const value = run(query, t);
  if (value.kind !== "vector") throw new Error("expected a vector");
  return value.samples.map((s) => ({ ...s, value: Number(s.value.toFixed(9)) }));
};

describe("PromQL subset: parsing", () => {
  it("parses the default template's shapes", () => {
    expect(parsePromQL('sum(rate(http_requests_total{service="a",code=~"5.."}[1m])) / sum(rate(http_requests_total{service="a"}[1m]))')).toMatchObject({
      type: "binary",
      op: "/",
      lhs: { type: "aggregate", op: "sum", grouping: null, expr: { type: "call", fn: "rate", args: [{ type: "range", rangeSeconds: 60 }] } },
    });
    expect(parsePromQL("histogram_quantile(0.95, sum by (le) (rate(x_bucket[5m])))")).toMatchObject({
      type: "call",
      fn: "histogram_quantile",
      args: [{ type: "number", value: 0.95 }, { type: "aggregate", grouping: { without: false, labels: ["le"] } }],
    });
  });

  it("accepts grouping after the aggregation, without, comments, and number forms", () => {
    expect(parsePromQL("sum(x) by (a, b)")).toMatchObject({ grouping: { without: false, labels: ["a", "b"] } });
    expect(parsePromQL("avg without (pod) (x) # trailing comment")).toMatchObject({ op: "avg", grouping: { without: true, labels: ["pod"] } });
    expect(parsePromQL("1e3")).toEqual({ type: "number", value: 1000 });
    expect(parsePromQL("0x10")).toEqual({ type: "number", value: 16 });
    expect(parsePromQL("-.5")).toEqual({ type: "number", value: -0.5 });
    expect(parsePromQL("Inf")).toEqual({ type: "number", value: Infinity });
    expect(parsePromQL('{__name__="x"}')).toMatchObject({ type: "selector", matchers: [{ name: "__name__", op: "=", value: "x" }] });
    expect(parsePromQL("x{a='single',b=`raw\\n`}")).toMatchObject({ matchers: [{}, { value: "single" }, { value: "raw\\n" }] });
  });

  it("gives * and / precedence over + and -, left-associative", () => {
    expect(run("1 + 2 * 3")).toEqual({ kind: "scalar", value: 7 });
    expect(run("(1 + 2) * 3")).toEqual({ kind: "scalar", value: 9 });
    expect(run("8 / 4 / 2")).toEqual({ kind: "scalar", value: 1 });
    expect(run("10 - 2 - 3")).toEqual({ kind: "scalar", value: 5 });
    expect(run("-(2 + 3) * 2")).toEqual({ kind: "scalar", value: -10 });
  });

  it("parses durations", () => {
    expect(parseDuration("1m")).toBe(60);
    expect(parseDuration("1h30m")).toBe(5400);
    expect(parseDuration("250ms")).toBe(0.25);
    expect(() => parseDuration("1x")).toThrow(PromQLError);
  });

  it.each([
    ["x offset 5m", "unsupported"],
    ["topk(3, x)", "unsupported"],
    ["quantile(0.9, x)", "unsupported"],
    ["x > 1", "unsupported"],
    ["x and y", "unsupported"],
    ["x / on(a) y", "unsupported"],
    ["x % 2", "unsupported"],
    ["rate(x[5m:1m])", "unsupported"],
    ["label_replace(x, 'a', 'b', 'c', 'd')", "unsupported"],
    ['x{a="unterminated}', "parse"],
    ["rate(x[5m)", "parse"],
    ["{}", "parse"],
    ['{a=""}', "parse"],
    ['x{a=~"("}', "parse"],
    ["rate(x)", "parse"],
    ["histogram_quantile(0.9)", "parse"],
    ["sum(x", "parse"],
    ["", "parse"],
    ["x y", "parse"],
  ])("rejects %s (%s)", (query, kind) => {
    try {
      parsePromQL(query);
      expect.unreachable(`parsed ${query}`);
    } catch (error) {
      expect(error).toBeInstanceOf(PromQLError);
      expect((error as PromQLError).kind).toBe(kind);
    }
  });
});

describe("PromQL subset: evaluation", () => {
  it("selects with =, !=, =~ and !~ (regexes fully anchored)", () => {
    expect(vector('http_requests_total{service="api",code=~"5.."}').map((s) => s.labels.code)).toEqual(["500", "503"]);
    expect(vector('http_requests_total{service="api",code!="200"}')).toHaveLength(2);
    expect(vector('http_requests_total{service=~"ap"}')).toHaveLength(0);
    expect(vector('http_requests_total{service!~"api|web"}').map((s) => s.labels.service)).toEqual(["late"]);
  });

  it("returns counter values at the instant and only while a series exists", () => {
    expect(vector('http_requests_total{pod="d"}')).toEqual([{ labels: expect.objectContaining({ pod: "d" }), value: 120 }]);
    expect(vector('http_requests_total{pod="e"}')).toEqual([]);
    expect(vector('http_requests_total{pod="e"}', T - 20)).toHaveLength(1);
    expect(vector('http_requests_total{pod="d"}', T - 31)).toEqual([]);
  });

  it("computes rate and increase and drops the metric name", () => {
    expect(vector('rate(http_requests_total{pod="a",code="200"}[1m])')).toEqual([{ labels: { service: "api", pod: "a", code: "200" }, value: 9 }]);
    expect(vector('increase(http_requests_total{pod="a",code="200"}[5m])')[0]!.value).toBe(2700);
  });

  it("extrapolates a counter that starts inside the window from zero, and ignores one that has ended", () => {
    // 30 s of a 4/s counter inside a 1 m window: increase 120, rate 2 (Prometheus does the same).
    expect(vector('increase(http_requests_total{pod="d"}[1m])')[0]!.value).toBe(120);
    expect(vector('rate(http_requests_total{pod="d"}[1m])')[0]!.value).toBe(2);
    // The ended series covered 40 s of the window: 160 requests.
    expect(vector('increase(http_requests_total{pod="e"}[1m])')[0]!.value).toBe(160);
    expect(vector('rate(http_requests_total{pod="e"}[10s])')).toEqual([]);
  });

  it("aggregates with and without grouping", () => {
    expect(vector('sum(rate(http_requests_total{service="api"}[1m]))')).toEqual([{ labels: {}, value: 30 }]);
    expect(vector('sum by (pod) (rate(http_requests_total{service="api"}[1m]))')).toEqual([
      { labels: { pod: "a" }, value: 10 },
      { labels: { pod: "b" }, value: 20 },
    ]);
    expect(vector('sum without (code, pod) (rate(http_requests_total{service="api"}[1m]))')).toEqual([{ labels: { service: "api" }, value: 30 }]);
    expect(vector('avg(rate(http_requests_total{service="api",code="200"}[1m]))')[0]!.value).toBe(13.5);
    expect(vector('min(rate(http_requests_total{service="api"}[1m]))')[0]!.value).toBe(1);
    expect(vector('max(rate(http_requests_total{service="api"}[1m]))')[0]!.value).toBe(18);
    expect(vector('count(http_requests_total{service="api"})')[0]!.value).toBe(4);
  });

  it("divides two aggregations into an error ratio", () => {
    const ratio = vector('sum(rate(http_requests_total{service="api",code=~"5.."}[1m])) / sum(rate(http_requests_total{service="api"}[1m]))');
    expect(ratio).toEqual([{ labels: {}, value: 0.1 }]);
    const byPod = vector('sum by (pod) (rate(http_requests_total{code=~"5.."}[1m])) / sum by (pod) (rate(http_requests_total[1m]))');
    expect(byPod).toEqual([
      { labels: { pod: "a" }, value: 0.1 },
      { labels: { pod: "b" }, value: 0.1 },
    ]);
  });

  it("matches vectors one-to-one on all labels and drops unmatched samples", () => {
    expect(vector('sum by (service) (rate(http_requests_total[1m])) / sum by (pod) (rate(http_requests_total[1m]))')).toEqual([]);
    expect(() => run('http_requests_total{service="api"} / sum(http_requests_total)')).not.toThrow();
    expect(vector('bar / foo')).toEqual([{ labels: { job: "j" }, value: 2 }]);
    expect(() => run('foo / {job="j"}')).toThrow(/duplicate series.*right hand-side/);
    expect(() => run('{job="j"} / foo')).toThrow(/duplicate series.*left hand-side/);
  });

  it("does arithmetic between scalars and vectors", () => {
    expect(vector('rate(http_requests_total{pod="a",code="500"}[1m]) * 100')).toEqual([{ labels: { service: "api", pod: "a", code: "500" }, value: 100 }]);
    expect(vector('1 - rate(http_requests_total{pod="a",code="500"}[1m])')[0]!.value).toBe(0);
    expect(vector('-rate(http_requests_total{pod="a",code="500"}[1m])')[0]!.value).toBe(-1);
    expect(run("0 / 0")).toEqual({ kind: "scalar", value: NaN });
    expect(vector('sum(rate(http_requests_total{service="none"}[1m]))')).toEqual([]);
  });

  it("computes histogram_quantile like Prometheus", () => {
    // 20/s in total; 8/s ≤ 0.1, 18/s ≤ 0.2. p50: rank 10 falls in (0.1, 0.2] at 2/10 of the way.
    expect(vector('histogram_quantile(0.5, sum by (le) (rate(lat_bucket[1m])))')).toEqual([{ labels: {}, value: 0.12 }]);
    expect(vector('histogram_quantile(0.2, sum by (le) (rate(lat_bucket[1m])))')[0]!.value).toBe(0.05);
    // Rank beyond the last finite bucket: the upper bound of that bucket.
    expect(vector('histogram_quantile(0.95, sum by (le) (rate(lat_bucket[1m])))')[0]!.value).toBe(0.2);
    // Grouped per pod, keeping the other labels and dropping le.
    expect(vector('histogram_quantile(0.5, rate(lat_bucket[1m]))').map((s) => s.labels)).toEqual([
      { service: "api", pod: "a" },
      { service: "api", pod: "b" },
    ]);
  });

  it("follows Prometheus' bucketQuantile edge cases", () => {
    const b = (pairs: Array<[number, number]>) => pairs.map(([upper, count]) => ({ upper, count }));
    expect(bucketQuantile(0.5, b([[0.1, 10], [0.2, 20], [Infinity, 20]]))).toBeCloseTo(0.1, 12);
    expect(bucketQuantile(0.75, b([[0.1, 10], [0.2, 20], [Infinity, 20]]))).toBeCloseTo(0.15, 12);
    expect(bucketQuantile(0.5, b([[0.1, 10], [0.2, 20]]))).toBeNaN(); // no +Inf bucket
    expect(bucketQuantile(0.5, b([[0.1, 0], [Infinity, 0]]))).toBeNaN(); // no observations
    expect(bucketQuantile(-1, b([[0.1, 1], [Infinity, 1]]))).toBe(-Infinity);
    expect(bucketQuantile(2, b([[0.1, 1], [Infinity, 1]]))).toBe(Infinity);
    expect(bucketQuantile(0.5, b([[Infinity, 5]]))).toBeNaN(); // a single bucket
    // Non-monotonic counts (a scrape race) are made monotonic first.
    expect(bucketQuantile(0.5, b([[0.1, 10], [0.2, 8], [0.4, 20], [Infinity, 20]]))).toBeCloseTo(0.1, 12);
    // Duplicate upper bounds are merged.
    expect(bucketQuantile(0.5, b([[0.1, 5], [0.1, 5], [Infinity, 20]]))).toBeCloseTo(0.1, 12);
  });

  it("evaluates a range at start + k·step and returns scalars as one unlabelled series", () => {
    const expr = parsePromQL('sum(rate(http_requests_total{service="api"}[1m]))');
    const result = evaluateRange(expr, T - 60, T, 15, catalog);
    expect(result.series).toEqual([{ labels: {}, values: [T - 60, T - 45, T - 30, T - 15, T].map((t) => [t, 30]) }]);
    expect(evaluateRange(parsePromQL("2 * 3"), T - 2, T, 1, catalog).series).toEqual([{ labels: {}, values: [[T - 2, 6], [T - 1, 6], [T, 6]] }]);
    // A series that only exists for part of the range has only those points.
    const late = evaluateRange(parsePromQL('http_requests_total{pod="d"}'), T - 60, T, 15, catalog);
    expect(late.series[0]!.values.map(([t]) => t)).toEqual([T - 30, T - 15, T]);
  });
});

describe("query API", () => {
  const params = (entries: Record<string, string>) => new URLSearchParams(entries);

  it("answers an instant query in Prometheus' JSON shape, with values as strings", () => {
    expect(instantQuery(params({ query: 'sum(rate(http_requests_total{service="api"}[1m]))', time: String(T) }), catalog)).toEqual({
      status: 200,
      body: { status: "success", data: { resultType: "vector", result: [{ metric: {}, value: [T, "30"] }] } },
    });
    expect(instantQuery(params({ query: "0/0" }), catalog).body).toEqual({ status: "success", data: { resultType: "scalar", result: [T, "NaN"] } });
  });

  it("accepts RFC 3339 times and duration steps", () => {
    const iso = new Date(T * 1000).toISOString();
    const response = rangeQuery(params({ query: "1", start: iso, end: String(T + 30), step: "15s" }), catalog);
    expect(response.body).toEqual({ status: "success", data: { resultType: "matrix", result: [{ metric: {}, values: [[T, "1"], [T + 15, "1"], [T + 30, "1"]] }] } });
  });

  it.each([
    [{ start: "1", end: "2", step: "1" }, /query.*missing/],
    [{ query: "x", end: "2", step: "1" }, /start/],
    [{ query: "x", start: "1", end: "2", step: "0" }, /step/],
    [{ query: "x", start: "5", end: "2", step: "1" }, /end timestamp must not be before start/],
    [{ query: "x", start: "0", end: "20000", step: "1" }, /11,000 points/],
    [{ query: "x", start: "yesterday", end: "2", step: "1" }, /cannot parse/],
    [{ query: "rate(x)", start: "1", end: "2", step: "1" }, /range vector/],
  ])("rejects bad range parameters %j with 400 bad_data", (entries, message) => {
    const response = rangeQuery(params(entries as Record<string, string>), catalog);
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ status: "error", errorType: "bad_data", error: expect.stringMatching(message) });
  });

  it("reports evaluation errors as 422 execution", () => {
    const response = instantQuery(params({ query: 'foo / {job="j"}' }), catalog);
    expect(response.status).toBe(422);
    expect(response.body).toMatchObject({ status: "error", errorType: "execution" });
  });
});
