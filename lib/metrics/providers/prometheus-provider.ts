import { z } from "zod";
import { MetricsProviderError, type InstantSample, type MetricsProvider, type QueryOptions, type RangeSeries, type Sample } from "./metrics-provider";

export type PrometheusProviderOptions = {
  /** Base URL of the Prometheus HTTP API, e.g. http://prometheus:9090 or https://host/prometheus. */
  url: string;
  /** Sent as `Authorization: Bearer <token>` when set. */
  bearerToken?: string | null;
  /** Per-request deadline; default 10 s. */
  timeoutMs?: number;
  /** For tests or custom agents; defaults to the global fetch. */
  fetch?: typeof fetch;
};

const DEFAULT_TIMEOUT_MS = 10_000;

const sampleValue = z.tuple([z.number(), z.string()]);
const labels = z.record(z.string(), z.string());
const successBody = z.object({
  status: z.literal("success"),
  data: z.discriminatedUnion("resultType", [
    z.object({ resultType: z.literal("matrix"), result: z.array(z.object({ metric: labels, values: z.array(sampleValue) })) }),
    z.object({ resultType: z.literal("vector"), result: z.array(z.object({ metric: labels, value: sampleValue })) }),
    z.object({ resultType: z.literal("scalar"), result: sampleValue }),
    z.object({ resultType: z.literal("string"), result: sampleValue }),
  ]),
  warnings: z.array(z.string()).optional(),
});
const errorBody = z.object({ status: z.literal("error"), errorType: z.string(), error: z.string() });

/** Prometheus encodes sample values as strings, with NaN and ±Inf spelled out. */
export function parseSampleValue(text: string): number {
  switch (text) {
    case "NaN":
      return NaN;
    case "+Inf":
    case "Inf":
      return Infinity;
    case "-Inf":
      return -Infinity;
    default: {
      const value = Number(text);
      if (text.trim() === "" || Number.isNaN(value)) throw new MetricsProviderError("bad_response", `Unparseable sample value ${JSON.stringify(text)}`);
      return value;
    }
  }
}

const toSample = ([t, v]: [number, string]): Sample => [t, parseSampleValue(v)];
const unixSeconds = (date: Date) => (date.getTime() / 1000).toFixed(3);

/** The Prometheus HTTP API (`/api/v1/query`, `/api/v1/query_range`) over fetch. */
export function createPrometheusProvider(options: PrometheusProviderOptions): MetricsProvider {
  const base = new URL(options.url.endsWith("/") ? options.url : `${options.url}/`);
  const doFetch = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function call(path: string, params: Record<string, string>, query: string, queryOptions?: QueryOptions) {
    const url = new URL(path, base);
    const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };
    if (options.bearerToken) headers.authorization = `Bearer ${options.bearerToken}`;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = queryOptions?.signal ? AbortSignal.any([timeout, queryOptions.signal]) : timeout;
    const where = { url: url.toString(), query };

    let response: Response;
    let text: string;
    try {
      // POST: the form body has no URL length limit, and Prometheus answers it like GET.
      response = await doFetch(url, { method: "POST", headers, body: new URLSearchParams(params), signal });
      text = await response.text();
    } catch (error) {
      if (timeout.aborted) throw new MetricsProviderError("timeout", `Prometheus at ${base.origin} did not answer within ${timeoutMs} ms`, where, { cause: error });
      if (queryOptions?.signal?.aborted) throw error;
      const code = (error as { cause?: { code?: string } }).cause?.code;
      throw new MetricsProviderError("unreachable", `Prometheus at ${base.origin} is unreachable${code ? ` (${code})` : ""}`, where, { cause: error });
    }

    if (response.status === 401 || response.status === 403) {
      throw new MetricsProviderError("unauthorized", `Prometheus at ${base.origin} refused the request (HTTP ${response.status}); check the bearer token`, {
        ...where,
        status: response.status,
      });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      const excerpt = text.slice(0, 120).replace(/\s+/g, " ");
      throw new MetricsProviderError("bad_response", `Prometheus at ${base.origin} answered HTTP ${response.status} with a non-JSON body: ${excerpt}`, {
        ...where,
        status: response.status,
      });
    }
    const failure = errorBody.safeParse(json);
    if (failure.success) {
      const { errorType, error } = failure.data;
      const details = { ...where, status: response.status, errorType };
      if (errorType === "bad_data") throw new MetricsProviderError("bad_query", `Prometheus rejected the query: ${error}`, details);
      if (errorType === "timeout" || errorType === "canceled") throw new MetricsProviderError("timeout", `Prometheus gave up on the query: ${error}`, details);
      throw new MetricsProviderError("query_failed", `Prometheus could not evaluate the query (${errorType}): ${error}`, details);
    }
    const success = successBody.safeParse(json);
    if (!success.success || !response.ok) {
      throw new MetricsProviderError("bad_response", `Prometheus at ${base.origin} answered HTTP ${response.status} in an unexpected shape`, { ...where, status: response.status });
    }
    return success.data.data;
  }

  return {
    async queryRange(query, start, end, stepSeconds, queryOptions) {
      if (!(stepSeconds > 0)) throw new MetricsProviderError("bad_query", `step must be positive, got ${stepSeconds}`, { query });
      const data = await call("api/v1/query_range", { query, start: unixSeconds(start), end: unixSeconds(end), step: String(stepSeconds) }, query, queryOptions);
      if (data.resultType !== "matrix") throw new MetricsProviderError("bad_response", `query_range returned a ${data.resultType}, expected a matrix`, { query });
      const series: RangeSeries[] = data.result.map((s) => ({ labels: s.metric, values: s.values.map(toSample) }));
      if (series.every((s) => s.values.length === 0)) throw new MetricsProviderError("empty_result", `No series matched the query in the requested range`, { query });
      return series;
    },

    async query(query, time, queryOptions) {
      const data = await call("api/v1/query", { query, time: unixSeconds(time) }, query, queryOptions);
      let samples: InstantSample[];
      if (data.resultType === "vector") samples = data.result.map((s) => ({ labels: s.metric, value: toSample(s.value) }));
      else if (data.resultType === "scalar") samples = [{ labels: {}, value: toSample(data.result) }];
      else throw new MetricsProviderError("bad_response", `query returned a ${data.resultType}, expected a vector or scalar`, { query });
      if (samples.length === 0) throw new MetricsProviderError("empty_result", `No series matched the query at ${time.toISOString()}`, { query });
      return samples;
    },
  };
}
