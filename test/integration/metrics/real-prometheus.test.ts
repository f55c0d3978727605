import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ANALYSIS_TEMPLATE } from "@/lib/metrics/default-template";
import type { MetricsProvider, RangeSeries } from "@/lib/metrics/providers/metrics-provider";
import { createPrometheusProvider } from "@/lib/metrics/providers/prometheus-provider";
import { renderTemplate } from "@/lib/metrics/template";
import { startSandboxMetrics, staticWorkloadSource, type SandboxMetricsServer } from "@/lib/sandbox/metrics";
import { assertPrometheusInstalled, realPrometheusTestsRun, startRealPrometheus, type RealPrometheus } from "./real-prometheus";

/**
 * Real Prometheus scrapes the sandbox /metrics endpoints; the Prometheus provider must get the
 * same answers for the default template's queries from it as from the sandbox query API.
 * In CI a missing binary is a failure; locally the test is skipped with a loud warning.
 */
const runs = realPrometheusTestsRun("the real-Prometheus test");

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const WARMUP_SECONDS = 26;

describe.skipIf(!runs)("sandbox metrics scraped by real Prometheus", () => {
  let sandbox: SandboxMetricsServer;
  let prometheus: RealPrometheus | undefined;
  let fromPrometheus: MetricsProvider;
  let fromSandbox: MetricsProvider;
  let window: { start: Date; end: Date };

  beforeAll(async () => {
    assertPrometheusInstalled();
    const source = staticWorkloadSource(
      [
        { namespace: "shop", name: "checkout", service: "checkout", environment: "dev", pods: [] },
        { namespace: "shop", name: "payments", service: "payments", environment: "dev", pods: [] },
      ],
      // A crash loop: a restart in every 10 s tick, so restarts are non-zero within the test.
      { "sha256:bad": { errorRatioBoost: 0.05, latencyFactor: 1.5, restartsPerHour: 720 } },
    );
    // No back-filled history: Prometheus only knows what it scraped, so both sides must agree
    // that the pods (and their counters) start when the test deploys them.
    sandbox = await startSandboxMetrics({ workloads: source, backfillSeconds: 0 });
    const target = sandbox.url.replace(/^http:\/\//, "");
    prometheus = await startRealPrometheus([
      { name: "checkout", target, metricsPath: "/metrics/shop/checkout" },
      { name: "payments", target, metricsPath: "/metrics/shop/payments" },
    ]);
    fromPrometheus = createPrometheusProvider({ url: prometheus.url, timeoutMs: 5000 });
    fromSandbox = createPrometheusProvider({ url: sandbox.url, timeoutMs: 5000 });

    // Deploy only once both targets are being scraped, so that Prometheus' first sample of every
    // series comes within one scrape interval of the pod's start.
    const deadline = Date.now() + 15_000;
    for (;;) {
      const up = await fromPrometheus.query("up", new Date()).catch(() => []);
      if (up.length === 2 && up.every((s) => s.value[1] === 1)) break;
      if (Date.now() > deadline) throw new Error(`Prometheus never scraped both targets:\n${prometheus.logs()}`);
      await sleep(200);
    }
    source.deploy("shop", "checkout", "sha256:good", { replicas: 2 });
    source.deploy("shop", "payments", "sha256:bad", { replicas: 2 });
    await sleep(WARMUP_SECONDS * 1000);

    const end = Math.floor(Date.now() / 1000) - 2; // leave Prometheus time to ingest the last scrape
    window = { start: new Date((end - 10) * 1000), end: new Date(end * 1000) };
  }, 90_000);

  afterAll(async () => {
    await prometheus?.stop();
    await sandbox?.stop();
  });

  const single = (series: RangeSeries[]) => {
    expect(series).toHaveLength(1);
    return series[0]!.values;
  };

  for (const service of ["checkout", "payments"]) {
    for (const metric of DEFAULT_ANALYSIS_TEMPLATE.metrics) {
      it(`${service}: "${metric.name}" agrees between real Prometheus and the sandbox query API`, async () => {
        const query = renderTemplate(DEFAULT_ANALYSIS_TEMPLATE, { service, namespace: "shop", environment: "dev" }).metrics.find((m) => m.name === metric.name)!.query;
        // Prometheus answers from its latest scrape, about one interval (1 s, more on a loaded
        // machine) old; the sandbox answers from the exact instant. So each Prometheus point must
        // match the sandbox curve at some instant of the preceding 2.5 s: the curve is continuous
        // (sampled here every 250 ms), so the point must lie within its range there, give or
        // take the tolerance.
        const fine = 0.25;
        const [real, synthetic] = await Promise.all([
          fromPrometheus.queryRange(query, window.start, window.end, 1).then(single),
          fromSandbox.queryRange(query, new Date(window.start.getTime() - 3000), window.end, fine).then(single),
        ]);
        expect(real.map((s) => s[0])).toEqual(Array.from({ length: 11 }, (_, i) => window.start.getTime() / 1000 + i));
        for (const [t, a] of real) {
          const recent = synthetic.filter(([s]) => s >= t - 2.5 && s <= t).map(([, v]) => v);
          expect(recent.length).toBe(11);
          const exact = synthetic.find(([s]) => s === t)![1];
          const context = `${query} at ${t}: Prometheus ${a}, sandbox ${exact} (last 2.5 s: ${recent.map((c) => c.toPrecision(5)).join(", ")})`;
          expect(Number.isFinite(a), context).toBe(true);
          const low = Math.min(...recent);
          const high = Math.max(...recent);
          // Restarts are integer steps, which Prometheus' increase() extrapolates by a few percent.
          const tolerance = metric.unit === "count" ? 0.1 * Math.max(Math.abs(a), Math.abs(high)) + 0.25 : 0.05 * Math.max(Math.abs(a), Math.abs(high)) + 1e-9;
          expect(a, context).toBeGreaterThanOrEqual(low - tolerance);
          expect(a, context).toBeLessThanOrEqual(high + tolerance);
        }
      });
    }
  }

  it("maps real Prometheus' errors as the sandbox's: bad_data is bad_query, no series is empty_result", async () => {
    for (const provider of [fromPrometheus, fromSandbox]) {
      await expect(provider.queryRange("sum(rate(http_requests_total[1m])", window.start, window.end, 1)).rejects.toMatchObject({
        kind: "bad_query",
        details: { status: 400, errorType: "bad_data" },
      });
      await expect(provider.queryRange('rate(http_requests_total{service="nope"}[1m])', window.start, window.end, 1)).rejects.toMatchObject({ kind: "empty_result" });
    }
  });

  it("shows the bad image's regression in both sources, so the comparison is not vacuous", async () => {
    const queries = (service: string) => renderTemplate(DEFAULT_ANALYSIS_TEMPLATE, { service, namespace: "shop", environment: "dev" }).metrics;
    for (const provider of [fromPrometheus, fromSandbox]) {
      const at = window.end;
      const value = async (service: string, name: string) => (await provider.query(queries(service).find((m) => m.name === name)!.query, at))[0]!.value[1];
      expect(await value("payments", "5xx error ratio")).toBeGreaterThan(0.03);
      expect(await value("checkout", "5xx error ratio")).toBeLessThan(0.03);
      expect(await value("payments", "p95 latency")).toBeGreaterThan(await value("checkout", "p95 latency"));
      expect(await value("payments", "pod restarts")).toBeGreaterThan(0);
      expect(await value("checkout", "pod restarts")).toBe(0);
    }
  });
});
