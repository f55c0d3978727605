import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { scanDrift } from "@/lib/domain/environments/scan-drift";
import { executePromotion } from "@/lib/domain/promotions/execute-promotion";
import { stopBoss } from "@/lib/jobs/boss";
import { startWorker } from "@/lib/jobs/worker";
import { writeKubeconfig, type SandboxCluster } from "@/lib/sandbox/cluster";
import { startApiServer, type ApiServer } from "../helpers/api-server";
import { createTeamWithService, createTokenFor, createUserWith, randomDigest } from "../helpers/identity-fixture";
import { kubectlFor, patchRequests, startTestSandbox, tokenCluster } from "./clusters/sandbox-helpers";

/**
 * An environment that spans two clusters (a fleet), end to end: settings API → promotion API →
 * worker → @kubernetes/client-node → two sandbox Kubernetes API servers. Out-of-band changes are
 * made with the real kubectl through a kubeconfig with one context per cluster.
 */
let server: ApiServer;
let east: SandboxCluster;
let west: SandboxCluster;
let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
let kubectl: (...args: string[]) => Promise<string>;
let kubeDir: string;
let f: Awaited<ReturnType<typeof setup>>;

const suffix = randomUUID().slice(0, 6);
const EAST = `east-${suffix}`;
const WEST = `west-${suffix}`;

async function setup() {
  const db = getDb();
  const clusters = {
    east: await db.cluster.create({ data: tokenCluster(east, east.token, EAST) }),
    west: await db.cluster.create({ data: tokenCluster(west, west.token, WEST) }),
  };
  const { team, service, prod } = await createTeamWithService(db, "fleet");
  await db.environment.update({ where: { id: prod.id }, data: { workloadName: "web", containerName: "web", requireUpstreamSuccess: false, autoRollback: false } });
  const admin = await createUserWith(db, "fleet-admin", [{ role: "admin", scopeTeamId: team.id }]);
  const deployer = await createUserWith(db, "fleet-deployer", [{ role: "deployer", scopeTeamId: team.id }]);
  const ci = await createTokenFor(db, deployer.id, ["artifact:register", "promotion:request", "service:read"]);
  const initial = `registry.example.com/fleet@${randomDigest()}`;
  for (const sandbox of [east, west]) await sandbox.seedDeployment({ namespace: prod.namespace, name: "web", container: "web", image: initial, replicas: 2 });
  return { clusters, service, prod, admin, ci: ci.token };
}

async function call(caller: { cookie: string } | string, method: string, url: string, body?: unknown) {
  const auth: Record<string, string> = typeof caller === "string" ? { authorization: `Bearer ${caller}` } : { cookie: caller.cookie, origin: server.baseUrl };
  const response = await fetch(server.baseUrl + url, {
    method,
    headers: { ...auth, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // Bodies are asserted field by field.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

async function registerArtifact() {
  const image = `registry.example.com/fleet@${randomDigest()}`;
  const response = await call(f.ci, "POST", "/api/v1/artifacts", {
    service: f.service.slug,
    version: `1.${Date.now() % 100000}.${Math.floor(Math.random() * 1000)}`,
    gitSha: "a".repeat(40),
    commitTime: new Date().toISOString(),
    image,
  });
  expect(response.status).toBe(201);
  return { id: response.body.artifact.id as string, image };
}

async function promote(artifactId: string) {
  const { status, body } = await call(f.ci, "POST", "/api/v1/promotions", { artifactId, environmentId: f.prod.id, reason: "fleet test" });
  expect(status, JSON.stringify(body)).toBe(201);
  return body.promotion.id as string;
}

async function waitFor<T>(what: string, read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what}: still ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const promotionRow = (id: string) => getDb().promotion.findUniqueOrThrow({ where: { id } });
const settled = (id: string) => waitFor(`promotion ${id}`, () => promotionRow(id), (p) => !["Queued", "Deploying"].includes(p.status));

function liveImage(sandbox: SandboxCluster) {
  const deployment = sandbox.getObject("deployments", f.prod.namespace, "web") as unknown as { spec: { template: { spec: { containers: { image: string }[] } } } };
  return deployment.spec.template.spec.containers[0]!.image;
}

type StoredRollout = { clusters: { cluster: string; outcome?: string; message: string; progress: { phase: string } | null }[] };
const rolloutOf = (row: { rolloutProgress: unknown }) => row.rolloutProgress as StoredRollout | null;
const clusterRollout = (row: { rolloutProgress: unknown }, name: string) => rolloutOf(row)?.clusters.find((c) => c.cluster === name);

beforeAll(async () => {
  [east, west] = await Promise.all([startTestSandbox({ name: "east" }), startTestSandbox({ name: "west" })]);
  server = await startApiServer();
  f = await setup();
  kubeDir = await mkdtemp(path.join(os.tmpdir(), "gantry-fleet-kube-"));
  const kubeconfig = await writeKubeconfig(
    path.join(kubeDir, "kubeconfig"),
    [
      { name: EAST, server: east.url, token: east.token, caCert: east.caCert! },
      { name: WEST, server: west.url, token: west.token, caCert: west.caCert! },
    ],
  );
  kubectl = await kubectlFor(kubeconfig);
  worker = await startWorker({ reconcileMs: 500, driftScanMs: 3_600_000, execute: { rolloutTimeoutMs: 20_000 } });
});

afterAll(async () => {
  await worker?.stop();
  await stopBoss();
  await server?.close();
  await Promise.all([east?.stop(), west?.stop()]);
  if (kubeDir) await rm(kubeDir, { recursive: true, force: true });
});

describe("an environment on several clusters", () => {
  it("is bound to a set of clusters through the settings API, validated and audited", async () => {
    const db = getDb();
    const both = [f.clusters.west.id, f.clusters.east.id];
    const bound = await call(f.admin, "PATCH", `/api/v1/environments/${f.prod.id}`, { clusterIds: both });
    expect(bound.status, JSON.stringify(bound.body)).toBe(200);
    // Listed by cluster name, whatever the order sent.
    expect(bound.body.environment.clusterIds).toEqual([f.clusters.east.id, f.clusters.west.id]);

    const twice = await call(f.admin, "PATCH", `/api/v1/environments/${f.prod.id}`, { clusterIds: [f.clusters.east.id, f.clusters.east.id] });
    expect(twice.status).toBe(400);
    expect(twice.body.error.details).toEqual([expect.objectContaining({ path: "clusterIds", message: "a cluster is listed twice" })]);
    const unknown = await call(f.admin, "PATCH", `/api/v1/environments/${f.prod.id}`, { clusterIds: [f.clusters.east.id, randomUUID()] });
    expect(unknown.status).toBe(404);
    expect((await db.environmentCluster.findMany({ where: { environmentId: f.prod.id } })).map((c) => c.clusterId).sort()).toEqual([...both].sort());

    // Dropping a cluster keeps the drift state of the one kept.
    const drifted = new Date("2026-01-01T00:00:00Z");
    await db.environmentCluster.update({ where: { environmentId_clusterId: { environmentId: f.prod.id, clusterId: f.clusters.east.id } }, data: { driftDetectedAt: drifted } });
    const eastOnly = await call(f.admin, "PATCH", `/api/v1/environments/${f.prod.id}`, { clusterIds: [f.clusters.east.id] });
    expect(eastOnly.body.environment.clusterIds).toEqual([f.clusters.east.id]);
    expect((await db.environmentCluster.findMany({ where: { environmentId: f.prod.id } })).map((c) => [c.clusterId, c.driftDetectedAt])).toEqual([[f.clusters.east.id, drifted]]);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: f.prod.id, action: "environment.update" }, orderBy: { occurredAt: "desc" } });
    expect(audit.before).toEqual({ clusterIds: [f.clusters.east.id, f.clusters.west.id] });
    expect(audit.after).toEqual({ clusterIds: [f.clusters.east.id] });

    const restored = await call(f.admin, "PATCH", `/api/v1/environments/${f.prod.id}`, { clusterIds: both });
    expect(restored.status).toBe(200);
    await db.environmentCluster.updateMany({ where: { environmentId: f.prod.id }, data: { driftDetectedAt: null } });
  });

  it("deploys to every cluster, patching each exactly once, and succeeds only when both rollouts complete", async () => {
    const artifact = await registerArtifact();
    // West's new pods never become ready until released below: east finishes first.
    west.markImage(artifact.image, { neverReady: true });
    const before = { east: patchRequests(east, f.prod.namespace).length, west: patchRequests(west, f.prod.namespace).length };
    const id = await promote(artifact.id);

    const eastDone = await waitFor("east's rollout", () => promotionRow(id), (p) => !["Queued", "Deploying"].includes(p.status) || (clusterRollout(p, EAST)?.progress?.phase === "succeeded" && Boolean(clusterRollout(p, WEST)?.progress)));
    expect(eastDone.status).toBe("Deploying");
    expect(clusterRollout(eastDone, WEST)?.progress?.phase).toBe("progressing");
    expect(liveImage(east)).toBe(artifact.image);
    expect(liveImage(west)).toBe(artifact.image);

    west.markImage(artifact.image, { healthy: true });
    const done = await settled(id);
    expect(done.status).toBe("Succeeded");
    expect(rolloutOf(done)?.clusters.map((c) => [c.cluster, c.outcome, c.progress?.phase])).toEqual([
      [EAST, "succeeded", "succeeded"],
      [WEST, "succeeded", "succeeded"],
    ]);
    expect(patchRequests(east, f.prod.namespace).length - before.east).toBe(1);
    expect(patchRequests(west, f.prod.namespace).length - before.west).toBe(1);
    expect((await getDb().deployment.findUniqueOrThrow({ where: { promotionId: id } })).outcome).toBe("Succeeded");
  });

  it("resumes a promotion whose worker died mid-deploy without patching any cluster twice", async () => {
    await worker?.stop();
    worker = undefined;
    try {
      const artifact = await registerArtifact();
      const id = await promote(artifact.id);
      const before = { east: patchRequests(east, f.prod.namespace).length, west: patchRequests(west, f.prod.namespace).length };
      const patched = () => patchRequests(east, f.prod.namespace).length - before.east + patchRequests(west, f.prod.namespace).length - before.west;
      // The first worker dies as soon as its first patch reached a cluster.
      const dying = new AbortController();
      const watcher = setInterval(() => patched() > 0 && dying.abort(new Error("worker killed")), 5);
      await expect(executePromotion(id, { signal: dying.signal, rolloutTimeoutMs: 20_000 })).rejects.toThrow();
      clearInterval(watcher);
      expect((await promotionRow(id)).status).toBe("Deploying");

      worker = await startWorker({ reconcileMs: 500, driftScanMs: 3_600_000, execute: { rolloutTimeoutMs: 20_000 } });
      expect((await settled(id)).status).toBe("Succeeded");
      expect(patchRequests(east, f.prod.namespace).length - before.east).toBe(1);
      expect(patchRequests(west, f.prod.namespace).length - before.west).toBe(1);
      expect([liveImage(east), liveImage(west)]).toEqual([artifact.image, artifact.image]);
    } finally {
      worker ??= await startWorker({ reconcileMs: 500, driftScanMs: 3_600_000, execute: { rolloutTimeoutMs: 20_000 } });
    }
  });

  it("fails a bad digest on one cluster, naming that cluster and its reason, and shows the other cluster took it", async () => {
    const artifact = await registerArtifact();
    west.markImage(artifact.image, { crashLoop: true });
    const id = await promote(artifact.id);
    const failed = await settled(id);
    expect(failed.status).toBe("Failed");
    expect(failed.failureReason).toMatch(new RegExp(`^cluster "${WEST}": .*crash`, "i"));
    expect(failed.failureReason).not.toContain(EAST);
    expect(clusterRollout(failed, WEST)?.outcome).toBe("failed");
    expect(["succeeded", "stopped"]).toContain(clusterRollout(failed, EAST)?.outcome);
    // Auto-rollback is off here: the partial failure stays visible, east keeps the new image.
    expect(liveImage(east)).toBe(artifact.image);
    const page = await call(f.admin, "GET", `/api/v1/promotions/${id}`);
    expect(page.body.promotion.rolloutProgress.clusters.map((c: { cluster: string }) => c.cluster)).toEqual([EAST, WEST]);
  });

  it("with auto-rollback, a split fleet goes back to the previous artifact on every cluster", async () => {
    const db = getDb();
    const good = await registerArtifact();
    expect((await settled(await promote(good.id))).status).toBe("Succeeded");
    await db.environment.update({ where: { id: f.prod.id }, data: { autoRollback: true } });
    try {
      const bad = await registerArtifact();
      east.markImage(bad.image, { crashLoop: true });
      const id = await promote(bad.id);
      const failed = await settled(id);
      expect(failed.status).toBe("Failed");
      expect(failed.failureReason).toMatch(new RegExp(`^cluster "${EAST}": `));
      const rollback = await waitFor(
        "the automatic rollback",
        () => db.promotion.findFirst({ where: { environmentId: f.prod.id, kind: "Rollback", createdAt: { gte: failed.createdAt } } }),
        (p) => p !== null && !["Queued", "Deploying"].includes(p.status),
      );
      expect(rollback).toMatchObject({ status: "Succeeded", artifactId: good.id });
      expect(rollback!.reason).toContain(id);
      expect(liveImage(east)).toBe(good.image);
      expect(liveImage(west)).toBe(good.image);
      expect((await db.environment.findUniqueOrThrow({ where: { id: f.prod.id } })).heldAt).not.toBeNull();
    } finally {
      await db.environment.update({ where: { id: f.prod.id }, data: { autoRollback: false, heldAt: null, holdReason: null, heldById: null } });
    }
  });

  it("reports kubectl set image on one cluster as drift on that cluster, with both digests", async () => {
    const db = getDb();
    const artifact = await registerArtifact();
    expect((await settled(await promote(artifact.id))).status).toBe("Succeeded");
    expect((await scanDrift({ environmentIds: [f.prod.id] })).map((r) => [r.cluster, r.drifted])).toEqual([
      [EAST, false],
      [WEST, false],
    ]);

    const hotfix = `registry.example.com/fleet@${randomDigest()}`;
    await kubectl("--context", WEST, "set", "image", "deployment/web", `web=${hotfix}`, "-n", f.prod.namespace);
    expect(JSON.parse(await kubectl("--context", EAST, "get", "deployment", "web", "-n", f.prod.namespace, "-o", "json")).spec.template.spec.containers[0].image).toBe(artifact.image);

    expect((await scanDrift({ environmentIds: [f.prod.id] })).map((r) => [r.cluster, r.drifted])).toEqual([
      [EAST, false],
      [WEST, true],
    ]);
    const rows = await db.environmentCluster.findMany({ where: { environmentId: f.prod.id }, include: { cluster: true }, orderBy: { cluster: { name: "asc" } } });
    expect(rows.map((r) => [r.cluster.name, r.driftDetectedAt !== null, r.driftLiveImage])).toEqual([
      [EAST, false, null],
      [WEST, true, hotfix],
    ]);
    const event = await db.auditEvent.findFirstOrThrow({ where: { targetId: f.prod.id, action: "environment.drift_detected" }, orderBy: { occurredAt: "desc" } });
    expect(event.after).toMatchObject({ cluster: WEST, expectedDigest: artifact.image.split("@")[1], liveDigest: hotfix.split("@")[1] });

    const service = await call(f.admin, "GET", `/api/v1/services/${f.service.slug}`);
    const stage = service.body.service.environments.find((e: { id: string }) => e.id === f.prod.id);
    expect(stage.drift.clusters).toEqual([{ cluster: WEST, detectedAt: expect.any(String), liveImage: hotfix }]);

    // The next promotion puts every cluster back on what Gantry deploys and clears the drift.
    const next = await registerArtifact();
    expect((await settled(await promote(next.id))).status).toBe("Succeeded");
    expect((await db.environmentCluster.findMany({ where: { environmentId: f.prod.id, driftDetectedAt: { not: null } } })).length).toBe(0);
    expect(liveImage(west)).toBe(next.image);
  });
});
