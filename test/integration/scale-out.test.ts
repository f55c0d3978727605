import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import type { SandboxCluster } from "@/lib/sandbox/cluster";
import { createArtifact, createServiceIn, createTeamWithService, createUserWith } from "../helpers/identity-fixture";
import { usePrivateDatabase } from "../helpers/private-database";
import { patchRequests, startTestSandbox, tokenCluster } from "./clusters/sandbox-helpers";

/**
 * Two web processes and two worker processes on one Postgres, many promotions at once: every
 * promotion runs exactly once (one deploy patch each), none is lost, a quorum reached by racing
 * approvers is counted once, and a worker stopped with SIGTERM mid-flight hands over its work.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const SERVICES = 4;
const RELEASES_PER_SERVICE = 3;

let database: Awaited<ReturnType<typeof usePrivateDatabase>>;
let sandbox: SandboxCluster;
const children: ChildProcess[] = [];
const webs: string[] = [];
let workers: ChildProcess[] = [];

function childEnv() {
  return { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: "warn", GANTRY_ROLLOUT_TIMEOUT_SECONDS: "60", GANTRY_WORKER_CONCURRENCY: "4" };
}

function startWeb(): Promise<string> {
  const child = spawn(TSX, [path.join(ROOT, "test/helpers/serve-api-process.ts")], { cwd: ROOT, env: childEnv(), stdio: ["ignore", "pipe", "inherit"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`web process exited (${code})`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (line.startsWith("{")) resolve((JSON.parse(line) as { baseUrl: string }).baseUrl);
    });
  });
}

/** A worker process (node with tsx's loader, no wrapper process), resolved once it is taking jobs. */
function startWorkerProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/worker.ts")], {
    cwd: ROOT,
    env: { ...childEnv(), LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`worker exited (${code})`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (line.includes("gantry worker running")) resolve(child);
    });
  });
}

async function post(baseUrl: string, cookie: string, url: string, body: unknown) {
  const response = await fetch(baseUrl + url, { method: "POST", headers: { cookie, origin: baseUrl, "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as { promotion?: { id: string; status: string } } };
}

async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

beforeAll(async () => {
  database = await usePrivateDatabase();
  sandbox = await startTestSandbox();
  const [a, b] = await Promise.all([startWeb(), startWeb()]);
  webs.push(a, b);
  workers = await Promise.all([startWorkerProcess(), startWorkerProcess()]);
}, 120_000);

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once("exit", r)) : null)));
  await sandbox?.stop();
  await database?.drop();
});

describe("scale-out: two web processes, two workers, one database", () => {
  it("runs every promotion exactly once, counts a raced quorum once, and survives a worker's SIGTERM", async () => {
    const db = getDb();
    const cluster = await db.cluster.create({ data: tokenCluster(sandbox, sandbox.token, "scale-out") });
    const { team } = await createTeamWithService(db, "scale");
    const deployer = await createUserWith(db, "deployer", [{ role: "deployer" }]);
    const approvers = await Promise.all([1, 2, 3].map((i) => createUserWith(db, `approver-${i}`, [{ role: "approver" }])));
    const services = [];
    for (let i = 0; i < SERVICES; i++) {
      const { service, dev, prod } = await createServiceIn(db, team.id, `scale${i}`, { requiredApprovals: 0 });
      for (const env of [dev, prod]) {
        await db.environment.update({ where: { id: env.id }, data: { clusters: { create: { clusterId: cluster.id } }, workloadName: "web", containerName: "web", requiredApprovals: env.name === "prod" ? 2 : 0, requireUpstreamSuccess: false } });
        await sandbox.seedDeployment({ namespace: env.namespace, name: "web", container: "web", image: `registry.example.com/seed@sha256:${"0".repeat(64)}`, replicas: 2 });
      }
      const artifacts = [];
      for (let r = 0; r < RELEASES_PER_SERVICE; r++) artifacts.push(await createArtifact(db, service.id));
      services.push({ service, dev, prod, artifacts });
    }

    // Every release of every service to dev at once, alternating between the web processes.
    const requests = services.flatMap(({ dev, artifacts }) => artifacts.map((artifact) => ({ dev, artifact })));
    const created = await Promise.all(
      requests.map(({ dev, artifact }, i) => post(webs[i % 2]!, deployer.cookie, "/api/v1/promotions", { artifactId: artifact.id, environmentId: dev.id })),
    );
    expect(created.map((r) => r.status)).toEqual(requests.map(() => 201));

    // One prod promotion per service, approved by three approvers racing through both web processes.
    const prodPromotions = await Promise.all(
      services.map(({ prod, artifacts }) => post(webs[0]!, deployer.cookie, "/api/v1/promotions", { artifactId: artifacts[0]!.id, environmentId: prod.id })),
    );
    await Promise.all(
      prodPromotions.flatMap((p) => approvers.map((approver, i) => post(webs[i % 2]!, approver.cookie, `/api/v1/promotions/${p.body.promotion!.id}/approvals`, { decision: "approve" }))),
    );

    // One worker is told to stop while promotions are in flight; the other must take over.
    await waitUntil(async () => (await db.promotion.count({ where: { status: { in: ["Deploying", "Succeeded"] } } })) > 0, "a first promotion to start");
    workers[0]!.kill("SIGTERM");

    const all = [...created, ...prodPromotions].map((r) => r.body.promotion!.id);
    await waitUntil(async () => (await db.promotion.count({ where: { id: { in: all }, status: { in: ["Succeeded", "Failed", "Aborted"] } } })) === all.length, "every promotion to finish");
    const statuses = await db.promotion.findMany({ where: { id: { in: all } }, select: { status: true } });
    expect(statuses.map((s) => s.status)).toEqual(all.map(() => "Succeeded"));

    for (const id of all) {
      expect(await db.auditEvent.count({ where: { targetId: id, action: "promotion.deploying" } }), `promotion ${id} started once`).toBe(1);
      expect(await db.deployment.count({ where: { promotionId: id } })).toBe(1);
    }
    for (const p of prodPromotions) {
      expect(await db.auditEvent.count({ where: { targetId: p.body.promotion!.id, action: "promotion.approved" } })).toBe(1);
    }
    for (const { dev, prod, artifacts } of services) {
      expect(patchRequests(sandbox, dev.namespace).length).toBe(RELEASES_PER_SERVICE);
      expect(patchRequests(sandbox, prod.namespace).length).toBe(1);
      const live = sandbox.getObject("deployments", dev.namespace, "web") as unknown as { spec: { template: { spec: { containers: { image: string }[] } } } };
      const lastDeployed = await db.deployment.findFirstOrThrow({ where: { environmentId: dev.id }, orderBy: { startedAt: "desc" }, include: { artifact: true } });
      expect(live.spec.template.spec.containers[0]!.image).toBe(`${lastDeployed.artifact.imageRepository}@${lastDeployed.artifact.imageDigest}`);
      expect(artifacts.map((a) => a.id)).toContain(lastDeployed.artifactId);
    }
    expect(await new Promise((resolve) => (workers[0]!.exitCode !== null ? resolve(workers[0]!.exitCode) : workers[0]!.once("exit", resolve)))).toBe(0);
  }, 240_000);
});
