import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ANALYSIS_TEMPLATE } from "@/lib/metrics/default-template";
import { createPrometheusProvider } from "@/lib/metrics/providers/prometheus-provider";
import { runAnalysis } from "@/lib/metrics/run-analysis";
import { createInProcessProvider, createMetricsModel, startSandboxMetrics, staticWorkloadSource, type SandboxMetricsServer } from "@/lib/sandbox/metrics";

/**
 * The whole verification path over real HTTP: the sandbox metrics server (history back-filled),
 * the Prometheus provider, the default template and the judge.
 */
const now = Date.now();
const minutes = (n: number) => n * 60_000;
const releasedAt = new Date(now - minutes(40));

const source = staticWorkloadSource(
  ["good", "bad", "slow"].map((name) => ({
    namespace: "shop",
    name: `${name}-svc`,
    service: `${name}-svc`,
    environment: "staging",
    pods: [1, 2].map((i) => ({ name: `${name}-svc-old-${i}`, imageDigest: "sha256:v1", startedAt: new Date(now - minutes(90)) })),
  })),
  {
    "sha256:bad": { errorRatioBoost: 0.03, latencyFactor: 1.3 },
    "sha256:slow": { errorRatioBoost: 0, latencyFactor: 1.3 },
  },
);
source.deploy("shop", "good-svc", "sha256:v2", { at: releasedAt });
source.deploy("shop", "bad-svc", "sha256:bad", { at: releasedAt });
source.deploy("shop", "slow-svc", "sha256:slow", { at: releasedAt });

let server: SandboxMetricsServer;
beforeAll(async () => {
  server = await startSandboxMetrics({ workloads: source });
});
afterAll(() => server.stop());

async function analyse(service: string) {
  return runAnalysis({
    provider: createPrometheusProvider({ url: server.url }),
    template: DEFAULT_ANALYSIS_TEMPLATE,
    target: { service, namespace: "shop", environment: "staging" },
    noDataPolicy: "Inconclusive",
    baseline: { start: new Date(releasedAt.getTime() - minutes(30)), end: releasedAt },
    // From one rate window after the rollout, for ten minutes.
    canary: { start: new Date(releasedAt.getTime() + minutes(1)), end: new Date(releasedAt.getTime() + minutes(11)) },
  });
}

describe("verification against the sandbox metrics server", () => {
  it("passes a good release", async () => {
    const outcome = await analyse("good-svc");
    expect(outcome.analysis.summary).toBe("Pass: 4 of 4 scored metrics passed (score 100).");
    expect(outcome.metrics.every((m) => m.baselineSamples.length === 121 && m.canarySamples.length === 41)).toBe(true);
  });

  it("fails the release of a digest marked bad, with the evidence", async () => {
    const outcome = await analyse("bad-svc");
    expect(outcome.analysis.verdict).toBe("Fail");
    expect(outcome.decisive).toEqual(["5xx error ratio"]);
    const [errors, latency] = outcome.metrics;
    expect(errors).toMatchObject({ status: "High", critical: true });
    expect(errors!.pValue!).toBeLessThan(1e-6);
    expect(errors!.canarySummary.median!).toBeGreaterThan(errors!.baselineSummary.median! + 0.02);
    expect(latency).toMatchObject({ status: "High" });
    expect(errors!.explanation).toMatch(/^5xx error ratio rose \d+% \(median [\d.]+% → [\d.]+%\), above the 50% tolerance; p < 0\.0001\.$/);
    expect(errors!.query).toBe(
      'sum(rate(http_requests_total{service="bad-svc",namespace="shop",environment="staging",code=~"5.."}[1m])) / sum(rate(http_requests_total{service="bad-svc",namespace="shop",environment="staging"}[1m]))',
    );
  });

  it("calls a latency-only regression Marginal (for a human to decide)", async () => {
    const outcome = await analyse("slow-svc");
    expect(outcome.analysis.verdict).toBe("Marginal");
    expect(outcome.metrics.map((m) => [m.metricName, m.status])).toEqual([
      ["5xx error ratio", "Pass"],
      ["p95 latency", "High"],
      ["pod restarts", "Pass"],
      ["CPU per pod", "Pass"],
    ]);
  });

  it("is Inconclusive when the canary window has not happened yet", async () => {
    const outcome = await runAnalysis({
      provider: createPrometheusProvider({ url: server.url }),
      template: DEFAULT_ANALYSIS_TEMPLATE,
      target: { service: "good-svc", namespace: "shop", environment: "staging" },
      noDataPolicy: "Inconclusive",
      baseline: { start: new Date(now - minutes(30)), end: new Date(now) },
      canary: { start: new Date(now + minutes(10)), end: new Date(now + minutes(20)) },
    });
    expect(outcome.analysis.verdict).toBe("Inconclusive");
    expect(outcome.metrics[0]!.explanation).toBe("No data for 5xx error ratio: canary window: the query matched no series.");
  });
});

describe("sandbox metrics HTTP endpoints", () => {
  it("answers over HTTP exactly what the in-process provider computes", async () => {
    const query = 'histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{service="bad-svc"}[1m])))';
    const start = new Date(releasedAt.getTime() - minutes(5));
    const end = new Date(releasedAt.getTime() + minutes(5));
    const overHttp = await createPrometheusProvider({ url: server.url }).queryRange(query, start, end, 30);
    const inProcess = await createInProcessProvider(createMetricsModel(source)).queryRange(query, start, end, 30);
    expect(overHttp).toEqual(inProcess);
    expect(overHttp[0]!.values).toHaveLength(21);
  });


  it("serves the exposition per workload for static scrape configs", async () => {
    const response = await fetch(`${server.url}/metrics/shop/bad-svc`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const text = await response.text();
    expect(text).toContain('pod="bad-svc-');
    expect(text).not.toContain("good-svc");
    expect(text).not.toContain("bad-svc-old-"); // ended pods are no longer scraped
    expect((await fetch(`${server.url}/metrics/nowhere`)).status).toBe(200);
    expect(await (await fetch(`${server.url}/metrics/nowhere`)).text()).toBe("");
    expect((await fetch(`${server.url}/other`)).status).toBe(404);
  });

  it("answers the query API by GET and by form POST alike", async () => {
    const query = 'sum(rate(http_requests_total{service="good-svc"}[1m]))';
    const time = String(Math.floor(now / 1000) - 60);
    const byGet = await (await fetch(`${server.url}/api/v1/query?${new URLSearchParams({ query, time })}`)).json();
    const byPost = await (
      await fetch(`${server.url}/api/v1/query`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ query, time }) })
    ).json();
    expect(byGet).toEqual(byPost);
    expect(byGet).toMatchObject({ status: "success", data: { resultType: "vector", result: [{ metric: {}, value: [Number(time), expect.stringMatching(/^\d+(\.\d+)?$/)] }] } });
    const bad = await fetch(`${server.url}/api/v1/query?query=sum(`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ status: "error", errorType: "bad_data" });
  });
});
