import type { AnalysisDetail, AnalysisMetricView } from "@/lib/domain/analyses/analysis-view";

const DEPLOY = Date.parse("2026-09-14T13:49:19Z");
const at = (offsetSeconds: number) => new Date(DEPLOY + offsetSeconds * 1000).toISOString();
const series = (fromSeconds: number, values: number[]): [number, number][] => values.map((v, i) => [DEPLOY / 1000 + fromSeconds + i * 15, v]);
const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return values.length
    ? { n: values.length, dropped: 0, mean: values.reduce((a, b) => a + b, 0) / values.length, median: sorted[Math.floor(sorted.length / 2)]!, p95: sorted[sorted.length - 1]!, min: sorted[0]!, max: sorted[sorted.length - 1]! }
    : { n: 0, dropped: 0, mean: null, median: null, p95: null, min: null, max: null };
};

export function metricFixture(over: Partial<AnalysisMetricView> & { baselineValues?: number[]; canaryValues?: number[] } = {}): AnalysisMetricView {
  const { baselineValues = [0.0018, 0.0017, 0.0019, 0.0018, 0.0016, 0.0018, 0.0017, 0.0019], canaryValues = [0.009, 0.0091, 0.0089, 0.0093, 0.0088, 0.009, 0.0092, 0.0091], ...rest } = over;
  return {
    name: "5xx error ratio",
    query: 'sum(rate(http_requests_total{service="payments-api",code=~"5.."}[1m])) / sum(rate(http_requests_total{service="payments-api"}[1m]))',
    direction: "HigherIsWorse",
    tolerance: 0.5,
    critical: true,
    unit: "ratio",
    minSamples: 8,
    noData: "Inherit",
    status: "High",
    pValue: 0.00001,
    effect: 4.12,
    explanation: "5xx error ratio rose 412% (median 0.178% → 0.908%), above the 50% tolerance; p < 0.0001.",
    baseline: { summary: summary(baselineValues), samples: series(-900, baselineValues) },
    canary: { summary: summary(canaryValues), samples: series(213, canaryValues) },
    ...rest,
  };
}

export function analysisFixture(over: Partial<AnalysisDetail> = {}): AnalysisDetail {
  return {
    id: "01ba4c96-5239-49a6-abec-1c59c7844030",
    status: "Completed",
    verdict: "Fail",
    score: 50,
    summary: "Fail: critical metric 5xx error ratio is High. 5xx error ratio rose 412% (median 0.178% → 0.908%), above the 50% tolerance; p < 0.0001.",
    createdAt: at(213),
    finishedAt: at(400),
    baseline: { start: at(-900), end: at(0) },
    canary: { start: at(213), end: at(393) },
    deployment: { id: "d1", startedAt: at(0), finishedAt: at(500), outcome: "RolledBack", isRollback: false },
    promotion: { id: "3d6a0479-0000-4000-8000-000000000001", kind: "Promotion", status: "RolledBack", failureReason: "verification failed: …", finishedAt: at(400) },
    rollback: { promotionId: "3d6a0479-0000-4000-8000-000000000002", status: "Succeeded", toVersion: "1.49.0" },
    service: { slug: "payments-api", name: "Payments API" },
    environment: { id: "e1", name: "prod", isProduction: true, autoRollback: true, noDataPolicy: "Inconclusive" },
    artifact: { id: "a1", version: "1.50.0", imageDigest: "sha256:" + "f".repeat(64) },
    previousArtifact: { id: "a0", version: "1.49.0" },
    template: {
      stepSeconds: 15,
      alpha: null,
      thresholds: { pass: 90, marginal: 60 },
      metrics: [
        { name: "5xx error ratio", query: "q1", direction: "HigherIsWorse", tolerance: 0.5, critical: true, unit: "ratio", minSamples: 8, noData: "Inherit" },
        { name: "CPU per pod", query: "q2", direction: "Either", tolerance: 0.3, critical: false, unit: "cores", minSamples: 8, noData: "Inherit" },
      ],
    },
    metrics: [
      metricFixture(),
      metricFixture({
        name: "CPU per pod",
        direction: "Either",
        tolerance: 0.3,
        critical: false,
        unit: "cores",
        status: "NoData",
        pValue: null,
        effect: null,
        explanation: "No data for CPU per pod: canary window: the query matched no series.",
        canaryValues: [],
        baselineValues: [0.4, 0.41, 0.39],
      }),
    ],
    ...over,
  };
}
