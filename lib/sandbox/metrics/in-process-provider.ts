import { MetricsProviderError, type MetricsProvider } from "@/lib/metrics/providers/metrics-provider";
import { evaluateAt, evaluateRange } from "./promql/evaluate-promql";
import { parsePromQL, PromQLError } from "./promql/parse-promql";
import type { MetricsModel } from "./series-catalog";

function asProviderError(error: unknown, query: string): never {
  if (error instanceof PromQLError) {
    if (error.kind === "execution") throw new MetricsProviderError("query_failed", `Prometheus could not evaluate the query (execution): ${error.message}`, { query });
    throw new MetricsProviderError("bad_query", `Prometheus rejected the query: ${error.message}`, { query, errorType: "bad_data" });
  }
  throw error;
}

/**
 * A MetricsProvider that evaluates against the sandbox model in this process, without HTTP:
 * the same answers as the sandbox query API, for benchmarks and tests that run many analyses.
 */
export function createInProcessProvider(model: MetricsModel): MetricsProvider {
  return {
    async queryRange(query, start, end, stepSeconds) {
      const catalog = await model.snapshot();
      let series;
      try {
        series = evaluateRange(parsePromQL(query), start.getTime() / 1000, end.getTime() / 1000, stepSeconds, catalog).series;
      } catch (error) {
        asProviderError(error, query);
      }
      if (series.length === 0) throw new MetricsProviderError("empty_result", "No series matched the query in the requested range", { query });
      return series.map((s) => ({ labels: s.labels, values: s.values }));
    },
    async query(query, time) {
      const catalog = await model.snapshot();
      const t = time.getTime() / 1000;
      let value;
      try {
        value = evaluateAt(parsePromQL(query), t, catalog);
      } catch (error) {
        asProviderError(error, query);
      }
      const samples = value.kind === "scalar" ? [{ labels: {}, value: [t, value.value] as [number, number] }] : value.samples.map((s) => ({ labels: s.labels, value: [t, s.value] as [number, number] }));
      if (samples.length === 0) throw new MetricsProviderError("empty_result", `No series matched the query at ${time.toISOString()}`, { query });
      return samples;
    },
  };
}
