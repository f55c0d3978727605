import { existsSync } from "node:fs";
import { rename } from "node:fs/promises";
import path from "node:path";
import { sealCredentials } from "../../clusters/credentials";
import { SANDBOX_CLUSTERS } from "../../seed/catalog";
import { startSandboxCluster, writeKubeconfig, type SandboxCluster, type SeedDeployment } from "./index";

/**
 * The sandbox clusters of `npm run dev` (and `npm run sandbox`): by default `sandbox-east` and
 * `sandbox-west`, persistent under `dataDir`, on fixed ports when free, plus one kubeconfig with
 * a context per cluster for kubectl.
 */
export interface DevSandboxOptions {
  /** e.g. `<GANTRY_DATA_DIR>/sandbox`; each cluster keeps its state in a subdirectory. */
  dataDir: string;
  clusters?: { name: string; port?: number }[];
  /** Default 1000 ms: a pod becomes ready about a second after it is created. */
  stepMs?: number;
  /** Default 0.1: a 600 s progress deadline expires after 60 s. */
  timeScale?: number;
  host?: string;
}

export interface DevWorkload extends SeedDeployment {
  clusterName: string;
}

/** The columns of a Cluster row that point Gantry at a sandbox (upsert them on every start: the port may change). */
export interface SandboxClusterRecord {
  name: string;
  apiServerUrl: string;
  caBundle: string | null;
  insecureSkipTlsVerify: boolean;
  authKind: "BearerToken";
  encryptedCredentials: string | null;
}

export interface DevSandboxes {
  clusters: SandboxCluster[];
  byName(name: string): SandboxCluster | undefined;
  /** Combined kubeconfig (`kubectl --kubeconfig <this> --context sandbox-west …`). */
  kubeconfigPath: string;
  /** Needs GANTRY_ENCRYPTION_KEY (the token is sealed like any cluster credential). */
  records(): SandboxClusterRecord[];
  /** Creates the Deployments that are missing; existing ones are left as they are. Returns how many were created. */
  ensureWorkloads(workloads: DevWorkload[]): Promise<number>;
  stop(): Promise<void>;
}

export const DEFAULT_DEV_CLUSTERS: { name: string; port: number }[] = SANDBOX_CLUSTERS.map(({ name, port }) => ({ name, port }));

/**
 * A data dir from before environments spanned clusters holds one cluster's state under `from`
 * ("sandbox"): it becomes `to`'s, so what ran there keeps running. Nothing happens when `to`
 * already has state of its own.
 */
export async function adoptLegacySandboxState(dataDir: string, from: string, to: string) {
  const legacy = path.join(dataDir, from);
  const target = path.join(dataDir, to);
  if (from === to || !existsSync(legacy) || existsSync(target)) return false;
  await rename(legacy, target);
  return true;
}

async function startOne(name: string, port: number | undefined, options: DevSandboxOptions) {
  const common = {
    name,
    dataDir: path.join(options.dataDir, name),
    stepMs: options.stepMs ?? 1000,
    timeScale: options.timeScale ?? 0.1,
    ...(options.host ? { host: options.host } : {}),
  };
  try {
    return await startSandboxCluster({ ...common, ...(port ? { port } : {}) });
  } catch (error) {
    if ((error as { code?: string }).code !== "EADDRINUSE" || !port) throw error;
    return startSandboxCluster(common);
  }
}

export async function startDevSandboxes(options: DevSandboxOptions): Promise<DevSandboxes> {
  const wanted = options.clusters ?? DEFAULT_DEV_CLUSTERS;
  const clusters: SandboxCluster[] = [];
  try {
    for (const c of wanted) clusters.push(await startOne(c.name, c.port, options));
  } catch (error) {
    await Promise.all(clusters.map((c) => c.stop()));
    throw error;
  }
  const kubeconfigPath = await writeKubeconfig(
    path.join(options.dataDir, "kubeconfig"),
    clusters.map((c) => ({ name: c.name, server: c.url, token: c.token, ...(c.caCert ? { caCert: c.caCert } : { insecureSkipTlsVerify: true }) })),
  );
  const byName = (name: string) => clusters.find((c) => c.name === name);
  return {
    clusters,
    byName,
    kubeconfigPath,
    records: () =>
      clusters.map((c) => ({
        name: c.name,
        apiServerUrl: c.url,
        caBundle: c.caCert ?? null,
        insecureSkipTlsVerify: !c.caCert,
        ...(sealCredentials({ authKind: "BearerToken", token: c.token }) as { authKind: "BearerToken"; encryptedCredentials: string | null }),
      })),
    async ensureWorkloads(workloads) {
      let created = 0;
      for (const w of workloads) {
        const cluster = byName(w.clusterName);
        if (!cluster) continue;
        const { clusterName: _, ...seed } = w;
        if ((await cluster.ensureDeployment(seed)).created) created++;
      }
      return created;
    },
    stop: async () => {
      await Promise.all(clusters.map((c) => c.stop()));
    },
  };
}
