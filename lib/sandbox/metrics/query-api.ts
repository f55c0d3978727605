import { formatSampleValue } from "./exposition";
import { evaluateAt, evaluateRange } from "./promql/evaluate-promql";
import { parseDuration, parsePromQL, PromQLError } from "./promql/parse-promql";
import type { SeriesCatalog } from "./series-catalog";

/** Prometheus refuses range queries with more points than this per series. */
const MAX_POINTS = 11_000;

export type ApiResponse = { status: number; body: unknown };

const badData = (error: string): ApiResponse => ({ status: 400, body: { status: "error", errorType: "bad_data", error } });

function parseTime(name: string, text: string | null, fallback?: number): number {
  if (text === null || text === "") {
    if (fallback !== undefined) return fallback;
    throw new PromQLError("parse", `invalid parameter "${name}": missing`);
  }
  if (/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) return Number(text);
  const parsed = Date.parse(text);
  if (Number.isNaN(parsed)) throw new PromQLError("parse", `invalid parameter "${name}": cannot parse "${text}" to a valid timestamp`);
  return parsed / 1000;
}

function parseStep(text: string | null): number {
  if (text === null || text === "") throw new PromQLError("parse", 'invalid parameter "step": missing');
  const seconds = /^\d+(\.\d+)?$/.test(text) ? Number(text) : parseDuration(text);
  if (!(seconds > 0)) throw new PromQLError("parse", "zero or negative query resolution step widths are not accepted. Try a positive integer");
  return seconds;
}

function errorResponse(error: unknown): ApiResponse {
  if (error instanceof PromQLError) {
    if (error.kind === "execution") return { status: 422, body: { status: "error", errorType: "execution", error: error.message } };
    return badData(error.message);
  }
  throw error;
}

const fmt = ([t, v]: [number, number]) => [t, formatSampleValue(v)];

/** GET/POST /api/v1/query: an instant query. */
export function instantQuery(params: URLSearchParams, catalog: SeriesCatalog): ApiResponse {
  try {
    const query = params.get("query");
    if (!query) return badData('invalid parameter "query": missing');
    const t = parseTime("time", params.get("time"), catalog.now);
    const expr = parsePromQL(query);
    const value = evaluateAt(expr, t, catalog);
    const data =
      value.kind === "scalar"
        ? { resultType: "scalar", result: fmt([t, value.value]) }
        : { resultType: "vector", result: value.samples.map((s) => ({ metric: s.labels, value: fmt([t, s.value]) })) };
    return { status: 200, body: { status: "success", data } };
  } catch (error) {
    return errorResponse(error);
  }
}

/** GET/POST /api/v1/query_range. */
export function rangeQuery(params: URLSearchParams, catalog: SeriesCatalog): ApiResponse {
  try {
    const query = params.get("query");
    if (!query) return badData('invalid parameter "query": missing');
    const start = parseTime("start", params.get("start"));
    const end = parseTime("end", params.get("end"));
    const step = parseStep(params.get("step"));
    if (end < start) return badData('invalid parameter "end": end timestamp must not be before start time');
    if ((end - start) / step > MAX_POINTS) {
      return badData("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");
    }
    const expr = parsePromQL(query);
    const result = evaluateRange(expr, start, end, step, catalog);
    return {
      status: 200,
      body: { status: "success", data: { resultType: "matrix", result: result.series.map((s) => ({ metric: s.labels, values: s.values.map(fmt) })) } },
    };
  } catch (error) {
    return errorResponse(error);
  }
}
