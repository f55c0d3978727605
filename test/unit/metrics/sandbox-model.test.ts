import { describe, expect, it } from "vitest";
import { renderExposition } from "@/lib/sandbox/metrics/exposition";
import { createMetricsModel, type SeriesCatalog } from "@/lib/sandbox/metrics/series-catalog";
import { CHANNEL, CHANNEL_COUNT, defaultProfile, LATENCY_BUCKETS, PodModel, REQUEST_CHANNELS, TICK_SECONDS } from "@/lib/sandbox/metrics/traffic-model";
import { NEUTRAL_EFFECT, staticWorkloadSource } from "@/lib/sandbox/metrics/workloads";

const NOW = Date.UTC(2025, 5, 2, 12, 0, 0);
const HOUR = 3600;
const profile = defaultProfile("shop/checkout");

function requestsAndErrors(model: PodModel, from: number, to: number) {
  const a = model.valuesAt(from);
  const b = model.valuesAt(to);
  const requests = REQUEST_CHANNELS.reduce((sum, c) => sum + b[c]! - a[c]!, 0);
  const errors = b[CHANNEL.code(2)]! - a[CHANNEL.code(2)]! + b[CHANNEL.code(3)]! - a[CHANNEL.code(3)]!;
  return { requests, errors };
}

describe("pod traffic model", () => {
  const origin = NOW / 1000 - 2 * HOUR;

  it("is deterministic: the same pod gives the same counters, another pod different ones", () => {
    const a = new PodModel(42, origin, profile, NEUTRAL_EFFECT).valuesAt(NOW / 1000);
    const b = new PodModel(42, origin, profile, NEUTRAL_EFFECT).valuesAt(NOW / 1000);
    const c = new PodModel(43, origin, profile, NEUTRAL_EFFECT).valuesAt(NOW / 1000);
    expect(Array.from(a)).toEqual(Array.from(b));
    expect(Array.from(a)).not.toEqual(Array.from(c));
  });

  it("gives the same value whichever instants were read before (checkpoints are consistent)", () => {
    const t = NOW / 1000 - 1234.5;
    const fresh = new PodModel(7, origin, profile, NEUTRAL_EFFECT).valuesAt(t);
    const warmed = new PodModel(7, origin, profile, NEUTRAL_EFFECT);
    warmed.valuesAt(NOW / 1000);
    warmed.valuesAt(origin + 17);
    expect(Array.from(warmed.valuesAt(t))).toEqual(Array.from(fresh));
  });

  it("starts every counter at zero and never decreases", () => {
    const model = new PodModel(1, origin, profile, { errorRatioBoost: 0.02, latencyFactor: 1, restartsPerHour: 60 });
    expect(Array.from(model.valuesAt(origin))).toEqual(Array(CHANNEL_COUNT).fill(0));
    let previous = model.valuesAt(origin);
    for (let t = origin + 3.7; t < origin + 1800; t += 3.7) {
      const current = model.valuesAt(t);
      for (let c = 0; c < CHANNEL_COUNT; c++) expect(current[c]!).toBeGreaterThanOrEqual(previous[c]! - 1e-9);
      previous = current;
    }
    expect(Number.isInteger(previous[CHANNEL.restarts])).toBe(true);
    expect(previous[CHANNEL.restarts]!).toBeGreaterThan(10);
  });

  it("keeps histogram buckets cumulative and below the request count", () => {
    const values = new PodModel(2, origin, profile, NEUTRAL_EFFECT).valuesAt(NOW / 1000);
    const total = REQUEST_CHANNELS.reduce((sum, c) => sum + values[c]!, 0);
    for (let i = 1; i < LATENCY_BUCKETS.length; i++) expect(values[CHANNEL.bucket(i)]!).toBeGreaterThanOrEqual(values[CHANNEL.bucket(i - 1)]!);
    expect(values[CHANNEL.bucket(LATENCY_BUCKETS.length - 1)]!).toBeLessThanOrEqual(total + 1e-6);
    expect(values[CHANNEL.bucket(LATENCY_BUCKETS.length - 1)]!).toBeGreaterThan(total * 0.999);
  });

  it("produces about the profile's request rate and error ratio", () => {
    const { requests, errors } = requestsAndErrors(new PodModel(3, origin, profile, NEUTRAL_EFFECT), origin, origin + 2 * HOUR);
    // Noon to two hours before: near the daily mean, within the ±30 % swing.
    expect(requests / (2 * HOUR)).toBeGreaterThan(profile.requestsPerSecond * 0.7);
    expect(requests / (2 * HOUR)).toBeLessThan(profile.requestsPerSecond * 1.3);
    expect(errors / requests).toBeGreaterThan(profile.errorRatio * 0.6);
    expect(errors / requests).toBeLessThan(profile.errorRatio * 1.4);
  });

  it("raises errors and latency for a bad image", () => {
    const good = new PodModel(4, origin, profile, NEUTRAL_EFFECT);
    const bad = new PodModel(4, origin, profile, { errorRatioBoost: 0.05, latencyFactor: 1.5 });
    const g = requestsAndErrors(good, origin, origin + HOUR);
    const b = requestsAndErrors(bad, origin, origin + HOUR);
    expect(b.errors / b.requests - g.errors / g.requests).toBeGreaterThan(0.04);
    const meanLatency = (m: PodModel) => {
      const v = m.valuesAt(origin + HOUR);
      return v[CHANNEL.durationSum]! / REQUEST_CHANNELS.reduce((s, c) => s + v[c]!, 0);
    };
    expect(meanLatency(bad) / meanLatency(good)).toBeCloseTo(1.5, 1);
  });

  it("grows linearly inside a tick", () => {
    const model = new PodModel(5, origin, profile, NEUTRAL_EFFECT);
    const k = Math.ceil(origin / TICK_SECONDS) + 10;
    const a = model.valuesAt(k * TICK_SECONDS)[CHANNEL.cpuSeconds]!;
    const mid = model.valuesAt((k + 0.5) * TICK_SECONDS)[CHANNEL.cpuSeconds]!;
    const b = model.valuesAt((k + 1) * TICK_SECONDS)[CHANNEL.cpuSeconds]!;
    expect(mid).toBeCloseTo((a + b) / 2, 9);
  });
});

describe("series catalog and exposition", () => {
  const started = new Date(NOW - 3600_000);
  function source() {
    return staticWorkloadSource(
      [
        {
          namespace: "shop",
          name: "checkout",
          service: "checkout",
          environment: "dev",
          pods: [
            { name: "checkout-1", imageDigest: "sha256:a", startedAt: started },
            { name: "checkout-2", imageDigest: "sha256:a", startedAt: new Date(started.getTime() + 5000) },
          ],
        },
        { namespace: "bank", name: "ledger", service: "ledger", environment: "prod", container: "app", pods: [{ name: "ledger-1", imageDigest: "sha256:b", startedAt: started }] },
      ],
      { "sha256:bad": { errorRatioBoost: 0.1, latencyFactor: 2 } },
    );
  }

  async function snapshot(workloads = source(), backfillSeconds?: number): Promise<SeriesCatalog> {
    return createMetricsModel(workloads, { now: () => NOW, backfillSeconds }).snapshot();
  }

  it("back-fills history for a workload's first pods only", async () => {
    const workloads = source();
    const [later] = workloads.deploy("shop", "checkout", "sha256:bad", { at: new Date(NOW - 600_000) });
    const catalog = await snapshot(workloads);
    const startOf = (pod: string) => catalog.series.find((s) => s.labels.pod === pod)!.start;
    expect(startOf("checkout-1")).toBe(started.getTime() / 1000 - 7 * 86_400);
    expect(startOf("checkout-2")).toBe(started.getTime() / 1000 + 5 - 7 * 86_400);
    expect(startOf(later!.name)).toBe((NOW - 600_000) / 1000);
    expect(catalog.series.find((s) => s.labels.pod === "checkout-1")!.end).toBe((NOW - 600_000) / 1000);
    const noBackfill = await snapshot(source(), 0);
    expect(noBackfill.series.find((s) => s.labels.pod === "checkout-1")!.start).toBe(started.getTime() / 1000);
  });

  it("exposes the live pods in the text format, grouped per family with HELP and TYPE", async () => {
    const text = renderExposition(await snapshot());
    const lines = text.trimEnd().split("\n");
    expect(lines.filter((l) => l.startsWith("# TYPE"))).toEqual([
      "# TYPE http_requests_total counter",
      "# TYPE http_request_duration_seconds histogram",
      "# TYPE kube_pod_container_status_restarts_total counter",
      "# TYPE container_cpu_usage_seconds_total counter",
    ]);
    const sample = /^([a-z_]+)\{((?:[a-z_]+="[^"]*",?)*)\} (\d+(\.\d+)?(e[+-]\d+)?)$/;
    for (const line of lines.filter((l) => !l.startsWith("#"))) expect(line).toMatch(sample);
    expect(text).toContain('http_requests_total{service="checkout",namespace="shop",environment="dev",pod="checkout-1",code="500"} ');
    expect(text).toContain('http_request_duration_seconds_bucket{service="ledger",namespace="bank",environment="prod",pod="ledger-1",le="+Inf"} ');
    expect(text).toContain('container_cpu_usage_seconds_total{service="ledger",namespace="bank",environment="prod",pod="ledger-1",container="app"} ');
    // Per pod: 4 codes + 20 buckets + sum + count + restarts + cpu; 3 pods; plus 8 comment lines.
    expect(lines).toHaveLength(3 * 28 + 8);
    // +Inf bucket equals _count for each pod.
    const value = (prefix: string) => Number(lines.find((l) => l.startsWith(prefix))!.split(" ").at(-1));
    expect(value('http_request_duration_seconds_bucket{service="ledger",namespace="bank",environment="prod",pod="ledger-1",le="+Inf"}')).toBe(
      value('http_request_duration_seconds_count{service="ledger"'),
    );
  });

  it("filters by namespace and workload, and leaves ended pods out", async () => {
    const workloads = source();
    workloads.deploy("shop", "checkout", "sha256:c", { at: new Date(NOW - 1000), replicas: 1 });
    const catalog = await snapshot(workloads);
    const shop = renderExposition(catalog, { namespace: "shop" });
    expect(shop).not.toContain("ledger");
    expect(shop).not.toContain('pod="checkout-1"');
    expect(renderExposition(catalog, { namespace: "shop", workload: "ledger" })).toBe("");
    expect(renderExposition(catalog, { namespace: "bank", workload: "ledger" })).toContain("ledger-1");
  });

  it("escapes label values", async () => {
    const workloads = staticWorkloadSource([{ namespace: "n", name: "w", service: 'we"ird\\svc', environment: "e\nv", pods: [{ name: "p", imageDigest: "d", startedAt: started }] }]);
    const text = renderExposition(await snapshot(workloads));
    expect(text).toContain('service="we\\"ird\\\\svc",namespace="n",environment="e\\nv"');
  });
});
