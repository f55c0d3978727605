import path from "node:path";
import type { Db } from "@/lib/db/client";
import { listCurrentWorkloads } from "@/lib/seed/current-workloads";
import { startDevSandboxes, type DevSandboxes } from "./cluster/dev";
import { clusterWorkloadSource, type WorkloadIdentity } from "./cluster-metrics-source";
import { startSandboxMetrics, type SandboxMetricsServer } from "./metrics";

/** The demo data's environments all deploy to one sandbox cluster of this name. */
export const DEV_SANDBOX_CLUSTERS = [{ name: "sandbox", port: 18443 }];

/**
 * Development only: starts the sandbox Kubernetes API (state kept under the data dir), points the
 * Cluster records at it with their real URL, CA and an encrypted token, and makes sure every
 * environment's Deployment exists there running what the database says it runs. The app then
 * talks to it exactly as it would to a real cluster.
 */
export async function startDevSandboxCluster(db: Db, options: { dataDir: string }): Promise<DevSandboxes> {
  const sandboxes = await startDevSandboxes({ dataDir: path.join(options.dataDir, "sandbox"), clusters: DEV_SANDBOX_CLUSTERS });
  try {
    for (const record of sandboxes.records()) {
      await db.cluster.upsert({ where: { name: record.name }, create: record, update: record });
    }
    const workloads = await listCurrentWorkloads(db);
    await sandboxes.ensureWorkloads(
      workloads.map((w) => ({ clusterName: w.clusterName, namespace: w.namespace, name: w.name, container: w.container, image: w.image, replicas: 3 })),
    );
    return sandboxes;
  } catch (error) {
    await sandboxes.stop();
    throw error;
  }
}

/**
 * Development only: the Prometheus-compatible sandbox metrics server, fed by what runs in the
 * sandbox cluster (each environment's pods, labelled with their service and environment).
 * Gantry is pointed at it through GANTRY_PROMETHEUS_URL like at any Prometheus.
 */
export async function startDevSandboxMetrics(db: Db, sandboxes: DevSandboxes, options: { port?: number } = {}): Promise<SandboxMetricsServer> {
  const environments = await db.environment.findMany({ select: { namespace: true, workloadName: true, name: true, service: { select: { slug: true } } } });
  const identities = new Map<string, WorkloadIdentity>(environments.map((e) => [`${e.namespace}/${e.workloadName}`, { service: e.service.slug, environment: e.name }]));
  const source = clusterWorkloadSource(sandboxes.clusters, (namespace, deployment) => identities.get(`${namespace}/${deployment}`) ?? null);
  try {
    return await startSandboxMetrics({ port: options.port ?? 19090, workloads: source });
  } catch (error) {
    if ((error as { code?: string }).code !== "EADDRINUSE") throw error;
    return startSandboxMetrics({ port: 0, workloads: source });
  }
}
