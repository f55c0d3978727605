import { describe, expect, it } from "vitest";
import type { Prisma } from "@/lib/db/generated/client";
import { DEFAULT_ANALYSIS_TEMPLATE } from "@/lib/metrics/default-template";
import { MetricsProviderError, type MetricsProvider, type RangeSeries } from "@/lib/metrics/providers/metrics-provider";
import { runAnalysis, type AnalysisOutcome } from "@/lib/metrics/run-analysis";
import { seededRandom } from "@/lib/metrics/seeded-random";

const release = new Date("2025-06-02T12:00:00Z");
const baseline = { start: new Date(release.getTime() - 30 * 60_000), end: release };
const canary = { start: new Date(release.getTime() + 60_000), end: new Date(release.getTime() + 11 * 60_000) };
const target = { service: "checkout", namespace: "shop", environment: "prod" };

/** Answers range queries from a function of (metric name, window); stands in for Prometheus. */
function providerFrom(answer: (query: string, start: Date, end: Date, step: number) => RangeSeries[] | Error): MetricsProvider {
  return {
    async queryRange(query, start, end, step) {
      const result = answer(query, start, end, step);
      if (result instanceof Error) throw result;
      return result;
    },
    async query() {
      throw new Error("not used");
    },
  };
}

function series(seed: number, start: Date, end: Date, step: number, median: number, sigma = 0.05): RangeSeries[] {
  const random = seededRandom(seed);
  const values: Array<[number, number]> = [];
  for (let t = start.getTime() / 1000; t <= end.getTime() / 1000; t += step) values.push([t, random.logNormal(median, sigma)]);
  return [{ labels: {}, values }];
}

const medians: Record<string, number> = { http_requests_total: 0.005, http_request_duration_seconds_bucket: 0.2, kube_pod: 0, container_cpu: 0.1 };
function healthy(query: string, start: Date, end: Date, step: number, factor = 1) {
  const key = Object.keys(medians).find((k) => query.includes(k))!;
  if (key === "kube_pod") return [{ labels: {}, values: series(1, start, end, step, 1)[0]!.values.map(([t]) => [t, 0] as [number, number]) }];
  return series(start.getTime() % 9973, start, end, step, medians[key]! * factor);
}

describe("runAnalysis", () => {
  it("passes a healthy release and shapes rows for Analysis and AnalysisMetricResult", async () => {
    const outcome = await runAnalysis({ provider: providerFrom(healthy), template: DEFAULT_ANALYSIS_TEMPLATE, target, noDataPolicy: "Inconclusive", baseline, canary });
    expect(outcome.analysis).toMatchObject({ status: "Completed", verdict: "Pass", score: 100, baselineStart: baseline.start, canaryEnd: canary.end });
    expect(outcome.analysis.template.metrics[0]!.query).toContain('service="checkout"');
    expect(outcome.metrics).toHaveLength(4);
    const errors = outcome.metrics[0]!;
    expect(errors).toMatchObject({ metricName: "5xx error ratio", direction: "HigherIsWorse", tolerance: 0.5, critical: true, status: "Pass" });
    // 30 min at 15 s → 121 samples; the canary's 10 min → 41.
    expect(errors.baselineSamples).toHaveLength(121);
    expect(errors.canarySamples).toHaveLength(41);
    expect(errors.baselineSummary.sampleTimes).toHaveLength(121);
    expect(errors.baselineSummary.sampleTimes[0]).toBe(baseline.start.getTime() / 1000);
    expect(errors.baselineSummary.n).toBe(121);

    // The rows must fit the Prisma models as they are (checked by the type checker).
    const analysisRow: Omit<Prisma.AnalysisUncheckedCreateInput, "deploymentId"> = outcome.analysis;
    const metricRows: Prisma.AnalysisMetricResultCreateManyAnalysisInput[] = outcome.metrics;
    expect(analysisRow.verdict).toBe("Pass");
    expect(metricRows).toHaveLength(4);
  });

  it("fails a release whose error ratio doubles (critical) and explains why", async () => {
    const provider = providerFrom((query, start, end, step) => healthy(query, start, end, step, start >= release && query.includes("http_requests_total") ? 2 : 1));
    const outcome = await runAnalysis({ provider, template: DEFAULT_ANALYSIS_TEMPLATE, target, noDataPolicy: "Inconclusive", baseline, canary });
    expect(outcome.analysis.verdict).toBe("Fail");
    expect(outcome.decisive).toEqual(["5xx error ratio"]);
    expect(outcome.metrics[0]!.status).toBe("High");
    expect(outcome.metrics[0]!.effect!).toBeGreaterThan(0.8);
    expect(outcome.analysis.summary).toMatch(/^Fail: critical metric 5xx error ratio is High\. 5xx error ratio rose \d+% \(median 0\.\d+% → 0?\.\d+%\), above the 50% tolerance; p < 0\.0001\.$/);
  });

  it("is Marginal when only latency regresses", async () => {
    const provider = providerFrom((query, start, end, step) => healthy(query, start, end, step, start >= release && query.includes("duration") ? 1.25 : 1));
    const outcome = await runAnalysis({ provider, template: DEFAULT_ANALYSIS_TEMPLATE, target, noDataPolicy: "Inconclusive", baseline, canary });
    expect(outcome.analysis).toMatchObject({ verdict: "Marginal", score: 75 });
    expect(outcome.metrics.map((m) => m.status)).toEqual(["Pass", "High", "Pass", "Pass"]);
  });

  it("turns an empty result or a rejected query into NoData with the reason, not an exception", async () => {
    const provider = providerFrom((query, start, end, step) => {
      if (query.includes("kube_pod")) return new MetricsProviderError("empty_result", "No series matched");
      if (query.includes("container_cpu")) return new MetricsProviderError("bad_query", 'Prometheus rejected the query: parse error: unexpected "}"');
      return healthy(query, start, end, step);
    });
    const outcome = await runAnalysis({ provider, template: DEFAULT_ANALYSIS_TEMPLATE, target, noDataPolicy: "Inconclusive", baseline, canary });
    const [, , restarts, cpu] = outcome.metrics;
    expect(restarts).toMatchObject({ status: "NoData", explanation: "No data for pod restarts: both windows: the query matched no series.", baselineSamples: [] });
    expect(cpu).toMatchObject({ status: "NoData", explanation: 'No data for CPU per pod: both windows: Prometheus rejected the query: parse error: unexpected "}".' });
    expect(outcome.judgements[3]!.reason).toBe("query-failed");
    // Restarts excuse missing data (noData: Pass); CPU inherits the environment's Inconclusive.
    expect(outcome.analysis.verdict).toBe("Inconclusive");
    expect(outcome.decisive).toEqual(["CPU per pod"]);
  });

  it("drops NaN samples (0/0 ratios without traffic) from the stored samples and counts them", async () => {
    const provider = providerFrom((query, start, end, step) => {
      const result = healthy(query, start, end, step);
      if (query.includes("http_requests_total")) result[0]!.values.forEach((v, i) => i % 10 === 0 && (v[1] = NaN));
      return result;
    });
    const outcome: AnalysisOutcome = await runAnalysis({ provider, template: DEFAULT_ANALYSIS_TEMPLATE, target, noDataPolicy: "Inconclusive", baseline, canary });
    const errors = outcome.metrics[0]!;
    expect(errors.baselineSummary).toMatchObject({ n: 108, dropped: 13 });
    expect(errors.baselineSamples).toHaveLength(108);
    expect(errors.baselineSamples.every(Number.isFinite)).toBe(true);
    expect(errors.baselineSummary.sampleTimes).toHaveLength(108);
  });

  it("propagates an unreachable provider: nothing can be judged", async () => {
    const provider = providerFrom(() => new MetricsProviderError("unreachable", "Prometheus at http://x is unreachable (ECONNREFUSED)"));
    await expect(runAnalysis({ provider, template: DEFAULT_ANALYSIS_TEMPLATE, target, noDataPolicy: "Inconclusive", baseline, canary })).rejects.toMatchObject({
      kind: "unreachable",
    });
  });

  it("stores null for an infinite effect (a rise from a zero baseline)", async () => {
    const provider = providerFrom((query, start, end, step) => {
      if (query.includes("kube_pod") && start >= release) return [{ labels: {}, values: healthy(query, start, end, step)[0]!.values.map(([t]) => [t, 2] as [number, number]) }];
      return healthy(query, start, end, step);
    });
    const outcome = await runAnalysis({ provider, template: DEFAULT_ANALYSIS_TEMPLATE, target, noDataPolicy: "Inconclusive", baseline, canary });
    expect(outcome.judgements[2]).toMatchObject({ status: "High", effect: Infinity });
    expect(outcome.metrics[2]).toMatchObject({ status: "High", effect: null, explanation: expect.stringContaining("from a zero median to 2") });
    expect(outcome.analysis.verdict).toBe("Marginal");
  });
});
