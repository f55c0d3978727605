import { mkdtemp, readFile, rename, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/schema-engine";
import { createPrometheusProvider } from "@/lib/metrics/providers/prometheus-provider";
import type { DevSandboxes } from "@/lib/sandbox/cluster/dev";
import { startDevSandboxCluster, startDevSandboxMetrics } from "@/lib/sandbox/dev-sandbox";
import { seedDemoData } from "@/lib/seed/demo-data";
import { createEmptyDatabase } from "../../helpers/database";
import { imageRef, kubectlFor } from "./sandbox-helpers";

/**
 * What `npm run dev` starts: two sandbox clusters with the demo services' Deployments (dev and
 * staging on sandbox-east, prod on both), one kubeconfig with a context per cluster that the real
 * kubectl uses, sandbox metrics that count prod's pods on both clusters, and a data dir from the
 * single-cluster days taken over without losing what ran there.
 */
let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
let db: Db;
let dataDir: string;

beforeAll(async () => {
  database = await createEmptyDatabase();
  await applyMigrations(database.url);
  db = createDb(database.url);
  await seedDemoData(db);
  dataDir = await mkdtemp(path.join(os.tmpdir(), "gantry-dev-fleet-"));
});

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

type DeploymentList = { items: { metadata: { namespace: string; name: string }; spec: { template: { spec: { containers: { image: string }[] } } } }[] };
const names = (list: DeploymentList) => list.items.map((d) => `${d.metadata.namespace}/${d.metadata.name}`).sort();

async function bindings() {
  const rows = await db.environment.findMany({ include: { service: true, clusters: { include: { cluster: true } } } });
  return Object.fromEntries(rows.map((e) => [`${e.service.slug}/${e.name}`, e.clusters.map((c) => c.cluster.name).sort()]));
}

describe("the dev sandbox fleet", () => {
  it("runs dev and staging on sandbox-east and prod on both, reachable with kubectl through either context", { timeout: 120_000 }, async () => {
    const sandboxes = await startDevSandboxCluster(db, { dataDir });
    let metrics: Awaited<ReturnType<typeof startDevSandboxMetrics>> | undefined;
    try {
      expect(sandboxes.kubeconfigPath).toBe(path.join(dataDir, "sandbox", "kubeconfig"));
      const kubeconfig = await readFile(sandboxes.kubeconfigPath, "utf8");
      for (const c of sandboxes.clusters) expect(kubeconfig).toContain(c.url);
      const kubectl = await kubectlFor(sandboxes.kubeconfigPath);
      expect((await kubectl("config", "get-contexts", "-o", "name")).trim().split("\n").sort()).toEqual(["sandbox-east", "sandbox-west"]);

      const eastList = JSON.parse(await kubectl("--context", "sandbox-east", "get", "deployments", "-A", "-o", "json")) as DeploymentList;
      const westList = JSON.parse(await kubectl("--context", "sandbox-west", "get", "deployments", "-A", "-o", "json")) as DeploymentList;
      const services = (await db.service.findMany({ select: { slug: true } })).map((s) => s.slug);
      expect(names(eastList)).toEqual(services.flatMap((s) => ["dev", "staging", "prod"].map((env) => `${s}-${env}/${s}`)).sort());
      expect(names(westList)).toEqual(services.map((s) => `${s}-prod/${s}`).sort());

      const rows = await db.cluster.findMany({ orderBy: { name: "asc" } });
      expect(rows.map((r) => [r.name, r.apiServerUrl])).toEqual(sandboxes.clusters.map((c) => [c.name, c.url]));

      // Prod's pods on both clusters feed the sandbox metrics, labelled with their cluster.
      metrics = await startDevSandboxMetrics(db, sandboxes, { port: 0 });
      const provider = createPrometheusProvider({ url: metrics.url });
      const now = new Date();
      const perCluster = await provider.queryRange(
        'count by (cluster) (kube_pod_container_status_restarts_total{service="payments-api",environment="prod"})',
        new Date(now.getTime() - 60_000),
        now,
        30,
      );
      expect(perCluster.map((s) => [s.labels.cluster, s.values.at(-1)?.[1]]).sort()).toEqual([
        ["sandbox-east", 3],
        ["sandbox-west", 3],
      ]);
    } finally {
      await metrics?.stop();
      await sandboxes.stop();
    }
  });

  it("takes over a data dir and database from the single 'sandbox' cluster, keeping what ran there", { timeout: 120_000 }, async () => {
    // Make the state of before: one cluster named "sandbox", its state in sandbox/sandbox.
    let first: DevSandboxes | undefined = await startDevSandboxCluster(db, { dataDir });
    const hotfix = imageRef("e", "registry.example.com/payments-api");
    try {
      const kubectl = await kubectlFor(first.kubeconfigPath);
      await kubectl("--context", "sandbox-east", "set", "image", "deployment/payments-api", `app=${hotfix}`, "-n", "payments-api-dev");
    } finally {
      await first.stop();
      first = undefined;
    }
    await db.cluster.delete({ where: { name: "sandbox-west" } });
    await db.cluster.update({ where: { name: "sandbox-east" }, data: { name: "sandbox" } });
    await rename(path.join(dataDir, "sandbox", "sandbox-east"), path.join(dataDir, "sandbox", "sandbox"));
    await rm(path.join(dataDir, "sandbox", "sandbox-west"), { recursive: true, force: true });

    const sandboxes = await startDevSandboxCluster(db, { dataDir });
    try {
      expect((await db.cluster.findMany({ orderBy: { name: "asc" } })).map((c) => c.name)).toEqual(["sandbox-east", "sandbox-west"]);
      const bound = await bindings();
      expect(bound["payments-api/dev"]).toEqual(["sandbox-east"]);
      expect(bound["payments-api/prod"]).toEqual(["sandbox-east", "sandbox-west"]);

      const kubectl = await kubectlFor(sandboxes.kubeconfigPath);
      const dev = JSON.parse(await kubectl("--context", "sandbox-east", "get", "deployment", "payments-api", "-n", "payments-api-dev", "-o", "json"));
      expect(dev.spec.template.spec.containers[0].image).toBe(hotfix);
      const westList = JSON.parse(await kubectl("--context", "sandbox-west", "get", "deployments", "-A", "-o", "json")) as DeploymentList;
      expect(names(westList)).toContain("payments-api-prod/payments-api");
    } finally {
      await sandboxes.stop();
    }
  });
});
