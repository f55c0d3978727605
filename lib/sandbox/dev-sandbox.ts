import path from "node:path";
import { sealCredentials } from "@/lib/clusters";
import type { Db } from "@/lib/db/client";
import { listCurrentWorkloads } from "@/lib/seed/current-workloads";
import { startSandboxCluster, type SandboxCluster } from "./cluster";

export const DEV_SANDBOX_CLUSTER_NAME = "sandbox";

/**
 * Development only: starts the sandbox Kubernetes API (state kept under the data dir), points the
 * "sandbox" Cluster record at it with its real URL, CA and an encrypted token, and makes sure
 * every environment's Deployment exists there running what the database says it runs. The app
 * then talks to it exactly as it would to a real cluster.
 */
export async function startDevSandboxCluster(db: Db, options: { dataDir: string; port: number; stepMs?: number }): Promise<SandboxCluster> {
  const sandbox = await startSandboxCluster({
    name: DEV_SANDBOX_CLUSTER_NAME,
    port: options.port,
    dataDir: path.join(options.dataDir, "sandbox-cluster"),
    stepMs: options.stepMs ?? 1000,
  });
  const connection = {
    apiServerUrl: sandbox.url,
    caBundle: sandbox.caCert ?? null,
    insecureSkipTlsVerify: false,
    ...sealCredentials({ authKind: "BearerToken", token: sandbox.token }),
  };
  const cluster = await db.cluster.upsert({
    where: { name: DEV_SANDBOX_CLUSTER_NAME },
    create: { name: DEV_SANDBOX_CLUSTER_NAME, ...connection },
    update: connection,
  });
  for (const workload of await listCurrentWorkloads(db)) {
    if (workload.clusterName !== cluster.name) continue;
    // Only create what is missing: a Deployment changed by hand (drift) must stay changed.
    if (sandbox.getObject("deployments", workload.namespace, workload.name)) continue;
    await sandbox.seedDeployment({ namespace: workload.namespace, name: workload.name, container: workload.container, image: workload.image, replicas: 3 });
  }
  return sandbox;
}
