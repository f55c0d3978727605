import path from "node:path";
import type { Db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { LEGACY_SANDBOX_CLUSTER_NAME, SANDBOX_CLUSTERS, SANDBOX_PLACEMENT } from "@/lib/seed/catalog";
import { listCurrentWorkloads } from "@/lib/seed/current-workloads";
import { adoptLegacySandboxState, DEFAULT_DEV_CLUSTERS, startDevSandboxes, type DevSandboxes } from "./cluster/dev";
import { clusterWorkloadSource, type WorkloadIdentity } from "./cluster-metrics-source";
import { startSandboxMetrics, type SandboxMetricsServer } from "./metrics";

/** The demo data's clusters: dev and staging deploy to sandbox-east, prod spans sandbox-east and sandbox-west. */
export const DEV_SANDBOX_CLUSTERS = DEFAULT_DEV_CLUSTERS;

const [EAST] = SANDBOX_CLUSTERS.map((c) => c.name);

/**
 * Data made before environments spanned clusters has one Cluster row named "sandbox". It becomes
 * sandbox-east (every environment keeps deploying where it did), and the production environments
 * bound to it are returned so they can join sandbox-west once that row exists, as new demo data has
 * it. A database that already has sandbox-east is left as it is.
 */
async function adoptLegacyCluster(db: Db): Promise<string[]> {
  const legacy = await db.cluster.findUnique({
    where: { name: LEGACY_SANDBOX_CLUSTER_NAME },
    select: { id: true, environments: { select: { environment: { select: { id: true, isProduction: true } } } } },
  });
  if (!legacy || !EAST || (await db.cluster.findUnique({ where: { name: EAST }, select: { id: true } }))) return [];
  await db.cluster.update({ where: { id: legacy.id }, data: { name: EAST } });
  log.info("renamed the sandbox cluster for multi-cluster environments", { from: LEGACY_SANDBOX_CLUSTER_NAME, to: EAST });
  return legacy.environments.filter((e) => e.environment.isProduction).map((e) => e.environment.id);
}

/**
 * Development only: starts the sandbox Kubernetes API servers (state kept under the data dir),
 * points the Cluster records at them with their real URL, CA and an encrypted token, and makes sure
 * every environment's Deployment exists on each of its clusters running what the database says it
 * runs. The app then talks to them exactly as it would to real clusters.
 */
export async function startDevSandboxCluster(db: Db, options: { dataDir: string }): Promise<DevSandboxes> {
  const sandboxDir = path.join(options.dataDir, "sandbox");
  await adoptLegacySandboxState(sandboxDir, LEGACY_SANDBOX_CLUSTER_NAME, EAST!);
  const joinWest = await adoptLegacyCluster(db);
  const sandboxes = await startDevSandboxes({ dataDir: sandboxDir, clusters: DEV_SANDBOX_CLUSTERS });
  try {
    const ids = new Map<string, string>();
    for (const record of sandboxes.records()) {
      const row = await db.cluster.upsert({ where: { name: record.name }, create: record, update: record, select: { id: true } });
      ids.set(record.name, row.id);
    }
    const others = SANDBOX_PLACEMENT.prod.filter((name) => name !== EAST).map((name) => ids.get(name)).filter((id): id is string => Boolean(id));
    if (joinWest.length > 0 && others.length > 0) {
      await db.environmentCluster.createMany({ data: joinWest.flatMap((environmentId) => others.map((clusterId) => ({ environmentId, clusterId }))), skipDuplicates: true });
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
 * sandbox clusters (each environment's pods on every cluster it spans, labelled with their service,
 * environment and cluster). Gantry is pointed at it through GANTRY_PROMETHEUS_URL like at any Prometheus.
 */
export async function startDevSandboxMetrics(db: Db, sandboxes: DevSandboxes, options: { port?: number } = {}): Promise<SandboxMetricsServer> {
  const environments = await db.environment.findMany({
    select: { namespace: true, workloadName: true, name: true, service: { select: { slug: true } }, clusters: { select: { cluster: { select: { name: true } } } } },
  });
  const identities = new Map<string, WorkloadIdentity>(
    environments.flatMap((e) => e.clusters.map((c) => [`${c.cluster.name}/${e.namespace}/${e.workloadName}`, { service: e.service.slug, environment: e.name }] as const)),
  );
  const source = clusterWorkloadSource(sandboxes.clusters, (namespace, deployment, cluster) => identities.get(`${cluster}/${namespace}/${deployment}`) ?? null);
  try {
    return await startSandboxMetrics({ port: options.port ?? 19090, workloads: source });
  } catch (error) {
    if ((error as { code?: string }).code !== "EADDRINUSE") throw error;
    return startSandboxMetrics({ port: 0, workloads: source });
  }
}
