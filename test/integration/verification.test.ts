import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { verifyPromotion } from "@/lib/domain/promotions/verify-promotion";
import { stopBoss } from "@/lib/jobs/boss";
import { startWorker } from "@/lib/jobs/worker";
import type { SandboxCluster } from "@/lib/sandbox/cluster";
import { createInProcessProvider, createMetricsModel } from "@/lib/sandbox/metrics";
import { staticWorkloadSource, type StaticWorkloadSource } from "@/lib/sandbox/metrics/workloads";
import { startApiServer, type ApiServer } from "../helpers/api-server";
import { createArtifact, createSucceededDeployment, createTeamWithService, createUserWith } from "../helpers/identity-fixture";
import { startTestSandbox, tokenCluster } from "./clusters/sandbox-helpers";

/**
 * Release verification wired into the promotion engine: after the rollout the promotion waits in
 * Verifying, the metrics of the window after it are compared with the window before, and a Fail
 * rolls back to what it replaced. Metrics come from the sandbox model (deterministic traffic,
 * bad images raise errors and latency); the clock of the judgement is moved past the canary
 * window instead of waiting for it.
 */
const WINDOW_MS = 10 * 60_000;
let sandbox: SandboxCluster;
let server: ApiServer;
let worker: Awaited<ReturnType<typeof startWorker>>;
let source: StaticWorkloadSource;
let clock = Date.now();
const model = () => createMetricsModel(source, { now: () => clock, backfillSeconds: 3600 });
let provider: ReturnType<typeof createInProcessProvider>;

async function environmentWithHistory() {
  const db = getDb();
  const cluster = await db.cluster.create({ data: tokenCluster(sandbox, sandbox.token, `verify-${Date.now()}-${Math.random()}`) });
  const { service, dev } = await createTeamWithService(db, "verify");
  const env = await db.environment.update({ where: { id: dev.id }, data: { clusters: { create: { clusterId: cluster.id } }, namespace: service.slug, workloadName: "web", containerName: "web", autoRollback: true, verificationMinutes: 10 } });
  const good = await createArtifact(db, service.id);
  const goodImage = `${good.imageRepository}@${good.imageDigest}`;
  await createSucceededDeployment(db, env, good.id, new Date(Date.now() - 3_600_000));
  await sandbox.seedDeployment({ namespace: env.namespace, name: "web", container: "web", image: goodImage, replicas: 2 });
  // The metrics model sees the same workload running the good image for the last hour.
  (source.listWorkloads() as ReturnType<StaticWorkloadSource["listWorkloads"]> & unknown[]).push({
    namespace: env.namespace,
    name: "web",
    service: service.slug,
    environment: env.name,
    pods: [0, 1].map((i) => ({ name: `web-old-${i}`, imageDigest: good.imageDigest, startedAt: new Date(Date.now() - 3_600_000) })),
  });
  return { service, env, good, goodImage };
}

async function waitFor(promotionId: string, statuses: string[]) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const row = await getDb().promotion.findUniqueOrThrow({ where: { id: promotionId } });
    if (statuses.includes(row.status)) return row;
    if (Date.now() > deadline) throw new Error(`promotion stayed ${row.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function releaseAndJudge(effect: { errorRatioBoost: number; latencyFactor: number } | null) {
  const db = getDb();
  const { service, env, good, goodImage } = await environmentWithHistory();
  const release = await createArtifact(db, service.id);
  if (effect) source.setImageEffect(release.imageDigest, effect);
  const deployer = await createUserWith(db, "verify-deployer", [{ role: "deployer" }]);
  const response = await fetch(`${server.baseUrl}/api/v1/promotions`, {
    method: "POST",
    headers: { cookie: deployer.cookie, origin: server.baseUrl, "content-type": "application/json" },
    body: JSON.stringify({ artifactId: release.id, environmentId: env.id }),
  });
  const promotionId = ((await response.json()) as { promotion: { id: string } }).promotion.id;
  await waitFor(promotionId, ["Verifying"]);
  const deployment = await db.deployment.findUniqueOrThrow({ where: { promotionId } });
  expect(deployment.outcome).toBe("InProgress");
  source.deploy(env.namespace, "web", release.imageDigest, { at: new Date(), replicas: 2 });
  // Judge as if the canary window had passed.
  const analysis = await db.analysis.findFirstOrThrow({ where: { promotionId } });
  clock = analysis.canaryEnd.getTime() + 1000;
  const outcome = await verifyPromotion(promotionId, { provider, now: () => new Date(clock) });
  return { outcome, promotionId, env, good, goodImage, release };
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  server = await startApiServer();
  source = staticWorkloadSource([]);
  provider = createInProcessProvider(model());
  worker = await startWorker({ reconcileMs: 500, driftScanMs: 3_600_000, execute: { rolloutTimeoutMs: 20_000, verification: { provider, windowMs: WINDOW_MS } } });
});

afterAll(async () => {
  await worker?.stop();
  await stopBoss();
  await server?.close();
  await sandbox?.stop();
});

describe("release verification", () => {
  it("passes a healthy release and records the evidence per metric", async () => {
    const { outcome, promotionId } = await releaseAndJudge(null);
    expect(outcome).toMatchObject({ state: "finished", status: "Succeeded" });
    expect(["Pass", "Marginal"]).toContain((outcome as { verdict: string }).verdict);
    const db = getDb();
    expect((await db.promotion.findUniqueOrThrow({ where: { id: promotionId } })).status).toBe("Succeeded");
    expect((await db.deployment.findUniqueOrThrow({ where: { promotionId } })).outcome).toBe("Succeeded");
    const analysis = await db.analysis.findFirstOrThrow({ where: { promotionId }, include: { metrics: true } });
    expect(analysis.status).toBe("Completed");
    expect(analysis.metrics.map((m) => m.metricName)).toContain("5xx error ratio");
    for (const metric of analysis.metrics) {
      expect(metric.explanation.length).toBeGreaterThan(10);
      expect(metric.baselineSamples.length + metric.canarySamples.length).toBeGreaterThan(0);
    }
  });

  it("fails a release that raises errors and rolls back to what it replaced", async () => {
    const { outcome, promotionId, env, good, goodImage } = await releaseAndJudge({ errorRatioBoost: 0.2, latencyFactor: 2 });
    expect(outcome).toMatchObject({ state: "finished", verdict: "Fail", status: "RolledBack" });
    const db = getDb();
    const failed = await db.promotion.findUniqueOrThrow({ where: { id: promotionId } });
    expect(failed.failureReason).toMatch(/^verification failed/);
    expect((await db.deployment.findUniqueOrThrow({ where: { promotionId } })).outcome).toBe("RolledBack");
    const analysis = await db.analysis.findFirstOrThrow({ where: { promotionId }, include: { metrics: true } });
    expect(analysis.metrics.find((m) => m.metricName === "5xx error ratio")?.status).toBe("High");

    const rollback = await db.promotion.findFirstOrThrow({ where: { environmentId: env.id, kind: "Rollback" } });
    expect(rollback.artifactId).toBe(good.id);
    expect(rollback.requestedById).toBeNull();
    expect((await waitFor(rollback.id, ["Succeeded", "Failed"])).status).toBe("Succeeded");
    const live = sandbox.getObject("deployments", env.namespace, "web") as unknown as { spec: { template: { spec: { containers: { image: string }[] } } } };
    expect(live.spec.template.spec.containers[0]!.image).toBe(goodImage);
    expect((await db.environment.findUniqueOrThrow({ where: { id: env.id } })).heldAt).not.toBeNull();
    expect(await db.auditEvent.count({ where: { targetId: rollback.id, action: "environment.rollback", actorLabel: "system:verification" } })).toBe(1);
  });
});
