import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxCluster } from "@/lib/sandbox/cluster";
import { clusterWorkloadSource, BAD_RELEASE_EFFECT } from "@/lib/sandbox/cluster-metrics-source";
import { createPrometheusProvider } from "@/lib/metrics/providers/prometheus-provider";
import { startSandboxMetrics, type SandboxMetricsServer } from "@/lib/sandbox/metrics";
import { startTestSandbox } from "./clusters/sandbox-helpers";

const good = `registry.example.com/shop@sha256:${"1".repeat(64)}`;
const bad = `registry.example.com/shop@sha256:bad${"2".repeat(61)}`;

let sandbox: SandboxCluster;
let metrics: SandboxMetricsServer;
const source = () => clusterWorkloadSource([sandbox], (namespace, name) => (namespace === "shop-prod" && name === "web" ? { service: "shop", environment: "prod" } : null));
let bridge: ReturnType<typeof source>;

beforeAll(async () => {
  sandbox = await startTestSandbox();
  await sandbox.seedDeployment({ namespace: "shop-prod", name: "web", container: "web", image: good, replicas: 2 });
  await sandbox.seedDeployment({ namespace: "other", name: "web", container: "web", image: good, replicas: 1 });
  bridge = source();
  metrics = await startSandboxMetrics({ workloads: bridge });
});

afterAll(async () => {
  await metrics?.stop();
  await sandbox?.stop();
});

describe("sandbox cluster → sandbox metrics", () => {
  it("lists the pods of known workloads with their image, and remembers replaced pods as ended", async () => {
    const [before] = await bridge.listWorkloads();
    expect(before).toMatchObject({ namespace: "shop-prod", name: "web", service: "shop", environment: "prod" });
    expect(before!.pods.map((p) => p.imageDigest)).toEqual([`sha256:${"1".repeat(64)}`, `sha256:${"1".repeat(64)}`]);

    await sandbox.seedDeployment({ namespace: "shop-prod", name: "web", container: "web", image: bad, replicas: 2 });
    const [after] = await bridge.listWorkloads();
    const live = after!.pods.filter((p) => !p.endedAt);
    const ended = after!.pods.filter((p) => p.endedAt);
    expect(live.map((p) => p.imageDigest)).toEqual([`sha256:bad${"2".repeat(61)}`, `sha256:bad${"2".repeat(61)}`]);
    expect(ended).toHaveLength(2);
    expect(bridge.imageEffect(live[0]!.imageDigest)).toEqual(BAD_RELEASE_EFFECT);
  });

  it("serves Prometheus answers for the cluster's workloads", async () => {
    const provider = createPrometheusProvider({ url: metrics.url });
    const series = await provider.queryRange('sum(rate(http_requests_total{service="shop",environment="prod"}[1m]))', new Date(Date.now() - 600_000), new Date(), 30);
    expect(series).toHaveLength(1);
    expect(series[0]!.values.length).toBeGreaterThan(10);
    expect(series[0]!.values.every(([, v]) => v > 0)).toBe(true);
  });
});
