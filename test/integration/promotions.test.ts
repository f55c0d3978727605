import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { executePromotion } from "@/lib/domain/promotions/execute-promotion";
import { stopBoss } from "@/lib/jobs/boss";
import { startWorker } from "@/lib/jobs/worker";
import type { SandboxCluster } from "@/lib/sandbox/cluster";
import { startApiServer, type ApiServer } from "../helpers/api-server";
import { createTeamWithService, createTokenFor, createUserWith, randomDigest } from "../helpers/identity-fixture";
import { patchRequests, startTestSandbox, tokenCluster } from "./clusters/sandbox-helpers";

/**
 * The promotion flow end to end: HTTP API → real Postgres → pg-boss worker → @kubernetes/client-node
 * → sandbox Kubernetes API. Assertions are on outcomes (states, images live in the cluster, counts
 * of patches), never on timing.
 */
let server: ApiServer;
let sandbox: SandboxCluster;
let worker: Awaited<ReturnType<typeof startWorker>> | undefined;
let f: Awaited<ReturnType<typeof setup>>;

async function setup() {
  const db = getDb();
  const cluster = await db.cluster.create({ data: { ...tokenCluster(sandbox, sandbox.token, `sandbox-${Date.now()}`) } });
  const { team, service } = await createTeamWithService(db, "flow");
  // createTeamWithService makes dev + prod; rebuild as dev → staging → prod on the sandbox.
  await db.environment.deleteMany({ where: { serviceId: service.id } });
  const stages = ["dev", "staging", "prod"] as const;
  const envs = {} as Record<(typeof stages)[number], { id: string; namespace: string; serviceId: string; isProduction: boolean }>;
  for (const [position, name] of stages.entries()) {
    const namespace = `flow-${service.slug}-${name}`.slice(0, 63);
    envs[name] = await db.environment.create({
      data: {
        serviceId: service.id,
        name,
        position,
        isProduction: name === "prod",
        clusters: { create: { clusterId: cluster.id } },
        namespace,
        workloadName: "web",
        containerName: "web",
        requiredApprovals: name === "prod" ? 2 : 0,
        minSoakMinutes: 0,
      },
    });
    await sandbox.seedDeployment({ namespace, name: "web", container: "web", image: `registry.example.com/flow@${randomDigest()}`, replicas: 2 });
  }
  const deployer = await createUserWith(db, "deployer", [{ role: "deployer", scopeTeamId: team.id }]);
  const approvers = [
    await createUserWith(db, "approver-1", [{ role: "approver", scopeEnvironmentId: envs.prod.id }]),
    await createUserWith(db, "approver-2", [{ role: "approver", scopeTeamId: team.id }]),
    await createUserWith(db, "approver-3", [{ role: "approver" }]),
  ];
  const operator = await createUserWith(db, "operator", [{ role: "operator" }]);
  const admin = await createUserWith(db, "admin", [{ role: "admin" }]);
  const ci = await createTokenFor(db, deployer.id, ["artifact:register", "promotion:request", "service:read"]);
  return { service, envs, deployer, approvers, operator, admin, ci: ci.token, adminToken: (await createTokenFor(db, admin.id, [...ACTIONS])).token };
}

type Caller = { cookie: string } | string;
async function call(caller: Caller, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const auth: Record<string, string> = typeof caller === "string" ? { authorization: `Bearer ${caller}` } : { cookie: caller.cookie, origin: server.baseUrl };
  const response = await fetch(server.baseUrl + path, {
    method,
    headers: { ...auth, ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // Response bodies are asserted field by field below; a full type per endpoint adds nothing here.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

async function registerArtifact(authorEmail = "someone@fixture.test") {
  const image = `registry.example.com/flow@${randomDigest()}`;
  const response = await call(f.ci, "POST", "/api/v1/artifacts", {
    service: f.service.slug,
    version: `3.${Date.now() % 100000}.${Math.floor(Math.random() * 1000)}`,
    gitSha: "b".repeat(40),
    commitTime: new Date().toISOString(),
    image,
    commits: [{ sha: "c".repeat(40), message: "Make checkout faster", author: { name: "Dev", email: authorEmail }, time: new Date().toISOString() }],
  });
  expect(response.status).toBe(201);
  return { id: response.body.artifact.id as string, image };
}

async function waitForStatus(promotionId: string, statuses: string[], timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await getDb().promotion.findUniqueOrThrow({ where: { id: promotionId } });
    if (statuses.includes(row.status)) return row;
    if (Date.now() > deadline) throw new Error(`promotion ${promotionId} stayed ${row.status}, wanted ${statuses.join("/")}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function liveImage(namespace: string) {
  const deployment = sandbox.getObject("deployments", namespace, "web") as unknown as { spec: { template: { spec: { containers: { image: string }[] } } } };
  return deployment.spec.template.spec.containers[0]!.image;
}

async function promoteThrough(artifactId: string, stages: ("dev" | "staging")[]) {
  for (const stage of stages) {
    const { status, body } = await call(f.ci, "POST", "/api/v1/promotions", { artifactId, environmentId: f.envs[stage].id, reason: `to ${stage}` });
    expect(status).toBe(201);
    expect((await waitForStatus(body.promotion.id, ["Succeeded", "Failed"])).status).toBe("Succeeded");
  }
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  server = await startApiServer();
  f = await setup();
  worker = await startWorker({ reconcileMs: 500, driftScanMs: 3_600_000, execute: { rolloutTimeoutMs: 20_000 } });
});

afterAll(async () => {
  await worker?.stop();
  await stopBoss();
  await server?.close();
  await sandbox?.stop();
});

describe("promotion flow", () => {
  it("takes an artifact dev → staging → prod with a quorum of two, refusing self-approval", async () => {
    const artifact = await registerArtifact();
    await promoteThrough(artifact.id, ["dev", "staging"]);
    expect(liveImage(f.envs.staging.namespace)).toBe(artifact.image);

    const requested = await call(f.deployer, "POST", "/api/v1/promotions", { artifactId: artifact.id, environmentId: f.envs.prod.id, reason: "release" });
    expect(requested.status).toBe(201);
    const id = requested.body.promotion.id as string;
    expect(requested.body.promotion.status).toBe("PendingApproval");

    const detail = await call(f.deployer, "GET", `/api/v1/promotions/${id}`);
    expect(detail.status, JSON.stringify(detail.body)).toBe(200);
    expect(detail.body.policy.blockers).toEqual([
      { code: "approvals", message: `needs 2 more approvals from an approver of ${f.service.slug} / prod (not the requester or a commit author)` },
    ]);
    expect(detail.body.diff.to.image).toBe(artifact.image);

    // The deployer has no approve permission at all, and is the requester: refused either way.
    expect((await call(f.deployer, "POST", `/api/v1/promotions/${id}/approvals`, { decision: "approve" })).status).toBe(403);
    expect((await call(f.approvers[0]!, "POST", `/api/v1/promotions/${id}/approvals`, { decision: "approve", comment: "metrics look fine" })).body.promotion.status).toBe("PendingApproval");
    expect((await call(f.approvers[1]!, "POST", `/api/v1/promotions/${id}/approvals`, { decision: "approve" })).body.promotion.status).toBe("Queued");

    const done = await waitForStatus(id, ["Succeeded", "Failed"]);
    expect(done.status).toBe("Succeeded");
    expect(liveImage(f.envs.prod.namespace)).toBe(artifact.image);
    const deployment = await getDb().deployment.findUniqueOrThrow({ where: { promotionId: id } });
    expect(deployment).toMatchObject({ outcome: "Succeeded", isProduction: true, artifactId: artifact.id });
    expect(deployment.finishedAt).not.toBeNull();
  });

  it("refuses an approval from the requester, even one who may approve", async () => {
    const both = await createUserWith(getDb(), "deployer-approver", [
      { role: "deployer", scopeTeamId: f.service.teamId },
      { role: "approver", scopeTeamId: f.service.teamId },
    ]);
    const artifact = await registerArtifact();
    await promoteThrough(artifact.id, ["dev", "staging"]);
    const { body } = await call(both, "POST", "/api/v1/promotions", { artifactId: artifact.id, environmentId: f.envs.prod.id });
    const refused = await call(both, "POST", `/api/v1/promotions/${body.promotion.id}/approvals`, { decision: "approve" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe("You requested this promotion; approvals must come from someone else");
    expect(await getDb().approval.count({ where: { promotionId: body.promotion.id } })).toBe(0);
    await call(f.operator, "POST", `/api/v1/promotions/${body.promotion.id}/abort`, { reason: "test cleanup" });
  });

  it("refuses an approval from an author of the artifact's commits", async () => {
    const author = f.approvers[2]!;
    const artifact = await registerArtifact(author.email);
    await promoteThrough(artifact.id, ["dev", "staging"]);
    const { body } = await call(f.deployer, "POST", "/api/v1/promotions", { artifactId: artifact.id, environmentId: f.envs.prod.id });
    const refused = await call(author, "POST", `/api/v1/promotions/${body.promotion.id}/approvals`, { decision: "approve" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain("authored a commit");
    expect(await getDb().approval.count({ where: { promotionId: body.promotion.id } })).toBe(0);
  });

  it("blocks on soak time and on a freeze window, unless an admin overrides the freeze with a reason", async () => {
    const db = getDb();
    const artifact = await registerArtifact();
    await promoteThrough(artifact.id, ["dev", "staging"]);
    await db.environment.update({ where: { id: f.envs.prod.id }, data: { minSoakMinutes: 120 } });
    try {
      const soaking = await call(f.deployer, "POST", "/api/v1/promotions", { artifactId: artifact.id, environmentId: f.envs.prod.id });
      expect(soaking.status).toBe(422);
      expect(soaking.body.error.details.blockers[0].message).toMatch(/^soak time in staging: (2h|1h 5\dm) left$/);
    } finally {
      await db.environment.update({ where: { id: f.envs.prod.id }, data: { minSoakMinutes: 0 } });
    }
    const window = await db.freezeWindow.create({
      data: { environmentId: f.envs.prod.id, kind: "OneOff", reason: "Black Friday", startsAt: new Date(Date.now() - 60_000), endsAt: new Date(Date.now() + 3_600_000) },
    });
    try {
      const frozen = await call(f.deployer, "POST", "/api/v1/promotions", { artifactId: artifact.id, environmentId: f.envs.prod.id });
      expect(frozen.status).toBe(423);
      expect(frozen.body.error.message).toContain("frozen (Black Friday)");
      const notAdmin = await call(f.deployer, "POST", "/api/v1/promotions", { artifactId: artifact.id, environmentId: f.envs.prod.id, freezeOverrideReason: "hotfix" });
      expect(notAdmin.status).toBe(403);
      const overridden = await call(f.admin, "POST", "/api/v1/promotions", { artifactId: artifact.id, environmentId: f.envs.prod.id, freezeOverrideReason: "payment outage hotfix" });
      expect(overridden.status).toBe(201);
      expect(await db.auditEvent.count({ where: { targetId: overridden.body.promotion.id, action: "freeze.override" } })).toBe(1);
      await call(f.operator, "POST", `/api/v1/promotions/${overridden.body.promotion.id}/abort`, { reason: "test cleanup" });
    } finally {
      await db.freezeWindow.delete({ where: { id: window.id } });
    }
  });

  it("gives one effect for a double-submitted promotion, a double approval and racing approvers", async () => {
    const db = getDb();
    const artifact = await registerArtifact();
    await promoteThrough(artifact.id, ["dev", "staging"]);
    const submit = () =>
      call(f.deployer, "POST", "/api/v1/promotions", { artifactId: artifact.id, environmentId: f.envs.prod.id }, { "idempotency-key": `release-${artifact.id}` });
    const [a, b] = await Promise.all([submit(), submit()]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.promotion.id).toBe(b.body.promotion.id);
    const id = a.body.promotion.id as string;
    expect(await db.promotion.count({ where: { artifactId: artifact.id, environmentId: f.envs.prod.id } })).toBe(1);

    const approveTwice = await Promise.all([0, 1].map(() => call(f.approvers[0]!, "POST", `/api/v1/promotions/${id}/approvals`, { decision: "approve" })));
    expect(approveTwice.map((r) => r.status)).toEqual([200, 200]);
    expect(await db.approval.count({ where: { promotionId: id } })).toBe(1);

    const patchesBefore = patchRequests(sandbox, f.envs.prod.namespace).length;
    const racing = await Promise.all([1, 2].map((i) => call(f.approvers[i]!, "POST", `/api/v1/promotions/${id}/approvals`, { decision: "approve" })));
    // The first to lock the promotion completes the quorum; the other finds it already queued.
    expect(racing.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(racing.find((r) => r.status === 409)?.body.error.message).toContain("no longer takes approvals");
    expect((await waitForStatus(id, ["Succeeded", "Failed"])).status).toBe("Succeeded");
    expect(await db.auditEvent.count({ where: { targetId: id, action: "promotion.approved" } })).toBe(1);
    expect(patchRequests(sandbox, f.envs.prod.namespace).length - patchesBefore).toBe(1);
  });

  it("fails a bad digest with the rollout's reason", async () => {
    const artifact = await registerArtifact();
    sandbox.markImage(artifact.image, { crashLoop: true });
    const { body } = await call(f.ci, "POST", "/api/v1/promotions", { artifactId: artifact.id, environmentId: f.envs.dev.id });
    const failed = await waitForStatus(body.promotion.id, ["Succeeded", "Failed"]);
    expect(failed.status).toBe("Failed");
    expect(failed.failureReason).toMatch(/crash/i);
    expect((await getDb().deployment.findUniqueOrThrow({ where: { promotionId: body.promotion.id } })).outcome).toBe("Failed");
  });

  it("resumes a promotion whose worker died mid-deploy without patching twice", async () => {
    await worker?.stop();
    worker = undefined;
    try {
      const artifact = await registerArtifact();
      const { body } = await call(f.ci, "POST", "/api/v1/promotions", { artifactId: artifact.id, environmentId: f.envs.dev.id });
      const id = body.promotion.id as string;
      const before = patchRequests(sandbox, f.envs.dev.namespace).length;
      // The first worker dies right after its patch reached the cluster.
      const dying = new AbortController();
      const watcher = setInterval(() => patchRequests(sandbox, f.envs.dev.namespace).length > before && dying.abort(new Error("worker killed")), 5);
      await expect(executePromotion(id, { signal: dying.signal, rolloutTimeoutMs: 20_000 })).rejects.toThrow();
      clearInterval(watcher);
      expect((await getDb().promotion.findUniqueOrThrow({ where: { id } })).status).toBe("Deploying");
      expect(patchRequests(sandbox, f.envs.dev.namespace).length - before).toBe(1);

      worker = await startWorker({ reconcileMs: 500, driftScanMs: 3_600_000, execute: { rolloutTimeoutMs: 20_000 } });
      expect((await waitForStatus(id, ["Succeeded", "Failed"])).status).toBe("Succeeded");
      expect(patchRequests(sandbox, f.envs.dev.namespace).length - before).toBe(1);
      expect(liveImage(f.envs.dev.namespace)).toBe(artifact.image);
    } finally {
      worker ??= await startWorker({ reconcileMs: 500, driftScanMs: 3_600_000, execute: { rolloutTimeoutMs: 20_000 } });
    }
  });

  it("rolls back to the previous digest in one call, once, and holds the environment", async () => {
    const db = getDb();
    const first = await registerArtifact();
    const second = await registerArtifact();
    await promoteThrough(first.id, ["dev"]);
    await promoteThrough(second.id, ["dev"]);
    expect(liveImage(f.envs.dev.namespace)).toBe(second.image);
    const secondPromotion = await db.promotion.findFirstOrThrow({ where: { artifactId: second.id, environmentId: f.envs.dev.id } });

    const rollback = () => call(f.operator, "POST", `/api/v1/environments/${f.envs.dev.id}/rollback`, { reason: "error rate spiked" });
    const [r1, r2] = await Promise.all([rollback(), rollback()]);
    expect([r1.status, r2.status].sort()).toEqual([200, 202]);
    expect(r1.body.promotion.id).toBe(r2.body.promotion.id);
    const done = await waitForStatus(r1.body.promotion.id, ["Succeeded", "Failed"]);
    expect(done).toMatchObject({ status: "Succeeded", kind: "Rollback", artifactId: first.id });
    expect(liveImage(f.envs.dev.namespace)).toBe(first.image);

    const env = await db.environment.findUniqueOrThrow({ where: { id: f.envs.dev.id } });
    expect(env.heldAt).not.toBeNull();
    expect(env.holdReason).toContain("error rate spiked");
    expect((await db.promotion.findUniqueOrThrow({ where: { id: secondPromotion.id } })).status).toBe("RolledBack");
    expect(await db.auditEvent.count({ where: { targetId: r1.body.promotion.id, action: "environment.rollback" } })).toBe(1);

    const third = await registerArtifact();
    const blocked = await call(f.ci, "POST", "/api/v1/promotions", { artifactId: third.id, environmentId: f.envs.dev.id });
    expect(blocked.status).toBe(422);
    expect(blocked.body.error.details.blockers[0].code).toBe("hold");
    expect((await call(f.operator, "DELETE", `/api/v1/environments/${f.envs.dev.id}/hold`)).status).toBe(200);
    expect((await call(f.ci, "POST", "/api/v1/promotions", { artifactId: third.id, environmentId: f.envs.dev.id })).status).toBe(201);
  });
});
