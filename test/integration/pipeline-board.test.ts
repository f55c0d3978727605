import { randomBytes } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { UserActor } from "@/lib/auth/actor";
import type { Db } from "@/lib/db/client";
import { PrismaClient } from "@/lib/db/generated/client";
import { getPipelineBoard, type PipelineBoard } from "@/lib/domain/pipelines/get-pipeline-board";
import { testDb, unique } from "../helpers/database";

/** These tests read everything; visibility per caller is covered by the authorization tests. */
const SYSTEM_CTX = { actor: { kind: "system" as const, name: "test" } };

const db = testDb();
afterAll(() => db.$disconnect());

const HOUR = 3_600_000;
const now = Date.now();
const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR);

async function createTeam(name: string) {
  return db.team.create({ data: { slug: unique("team"), name } });
}

async function createService(teamId: string, name: string, environmentNames: string[]) {
  const slug = unique("svc");
  const service = await db.service.create({
    data: { slug, name, teamId, imageRepository: `registry.example.com/${slug}` },
  });
  const environments = [];
  // Inserted last-stage first so the board has to sort by position, not by insertion order.
  for (const [position, name] of [...environmentNames.entries()].reverse()) {
    environments.unshift(
      await db.environment.create({
        data: {
          serviceId: service.id,
          name,
          position,
          isProduction: name === "prod",
          namespace: slug,
          workloadName: slug,
          containerName: "app",
        },
      }),
    );
  }
  return { service, environments };
}

async function createArtifact(serviceId: string, version: string) {
  return db.artifact.create({
    data: {
      serviceId,
      version,
      gitSha: "a".repeat(40),
      commitTime: at(48),
      imageRepository: "registry.example.com/app",
      imageDigest: `sha256:${randomBytes(32).toString("hex")}`,
    },
  });
}

async function deploy(
  environment: { id: string; serviceId: string; isProduction: boolean },
  artifactId: string,
  outcome: "Succeeded" | "Failed" | "InProgress" | "RolledBack",
  startedHoursAgo: number,
) {
  return db.deployment.create({
    data: {
      environmentId: environment.id,
      serviceId: environment.serviceId,
      isProduction: environment.isProduction,
      artifactId,
      outcome,
      startedAt: at(startedHoursAgo),
      finishedAt: outcome === "InProgress" ? null : at(startedHoursAgo - 0.1),
    },
  });
}

async function promote(environmentId: string, artifactId: string, status: "Succeeded" | "Failed" | "PendingApproval" | "Queued", createdHoursAgo: number) {
  return db.promotion.create({ data: { environmentId, artifactId, status, createdAt: at(createdHoursAgo) } });
}

async function approve(promotionId: string, decision: "Approve" | "Reject" = "Approve") {
  const user = await db.user.create({ data: { email: `${unique("approver")}@example.test`, name: "Approver" } });
  return db.approval.create({ data: { promotionId, userId: user.id, decision } });
}

function userActor(bindings: UserActor["bindings"]): UserActor {
  return { kind: "user", userId: "00000000-0000-4000-8000-000000000000", email: "someone@example.test", name: "Someone", bindings, teamServiceIds: {} };
}

function findTeam(board: PipelineBoard, slug: string) {
  const team = board.teams.find((t) => t.slug === slug);
  if (!team) throw new Error(`team ${slug} is not on the board`);
  return team;
}

describe("getPipelineBoard", () => {
  it("shows each stage's latest succeeded artifact, latest promotion and hold, in pipeline order", async () => {
    const team = await createTeam("Payments");
    const checkout = await createService(team.id, "checkout", ["dev", "staging", "prod"]);
    await createService(team.id, "ledger", ["dev"]);
    const [dev, staging, prod] = checkout.environments;
    if (!dev || !staging || !prod) throw new Error("expected three environments");
    const v1 = await createArtifact(checkout.service.id, "1.0.0");
    const v2 = await createArtifact(checkout.service.id, "1.1.0");
    const v3 = await createArtifact(checkout.service.id, "1.2.0");

    await deploy(dev, v1.id, "Succeeded", 5);
    const devCurrent = await deploy(dev, v2.id, "Succeeded", 3);
    await deploy(dev, v3.id, "Failed", 1); // later, but failed: v2 still runs
    await deploy(staging, v1.id, "Succeeded", 4);
    await deploy(staging, v2.id, "InProgress", 0.5);
    await promote(dev.id, v2.id, "Succeeded", 3.2);
    await promote(dev.id, v3.id, "Failed", 1.2);
    await promote(staging.id, v2.id, "PendingApproval", 0.7);
    await db.environment.update({ where: { id: prod.id }, data: { heldAt: at(2), holdReason: "incident INC-42" } });

    const board = await getPipelineBoard(SYSTEM_CTX);
    const mine = findTeam(board, team.slug);

    expect(mine.name).toBe("Payments");
    expect(mine.services.map((s) => s.name)).toEqual(["checkout", "ledger"]);
    const [checkoutRow, ledgerRow] = mine.services;
    expect(checkoutRow!.environments.map((e) => [e.name, e.position])).toEqual([
      ["dev", 0],
      ["staging", 1],
      ["prod", 2],
    ]);
    const [devCell, stagingCell, prodCell] = checkoutRow!.environments;

    expect(devCell!.current).toEqual({
      deploymentId: devCurrent.id,
      artifact: { id: v2.id, version: "1.1.0", imageDigest: v2.imageDigest, gitSha: v2.gitSha },
      deployedAt: devCurrent.finishedAt,
      isRollback: false,
    });
    expect(devCell!.latestPromotion).toMatchObject({ status: "Failed", kind: "Promotion", artifactVersion: "1.2.0" });
    expect(devCell!.hold).toBeNull();

    expect(stagingCell!.current?.artifact.version).toBe("1.0.0");
    expect(stagingCell!.latestPromotion).toMatchObject({ status: "PendingApproval", artifactVersion: "1.1.0" });

    expect(prodCell!.current).toBeNull();
    expect(prodCell!.latestPromotion).toBeNull();
    expect(prodCell!.isProduction).toBe(true);
    expect(prodCell!.hold).toEqual({ heldAt: at(2), reason: "incident INC-42" });

    expect(devCell!.rollbackTarget).toEqual({ id: v1.id, version: "1.0.0", imageDigest: v1.imageDigest, gitSha: v1.gitSha });
    expect(stagingCell!.rollbackTarget).toBeNull(); // nothing earlier succeeded there
    expect(stagingCell!.waitingPromotions).toMatchObject([{ status: "PendingApproval", artifactId: v2.id, artifactVersion: "1.1.0", approvals: 0 }]);
    expect(devCell!.waitingPromotions).toEqual([]);

    expect(ledgerRow!.environments).toHaveLength(1);
    expect(ledgerRow!.environments[0]).toMatchObject({ name: "dev", current: null, latestPromotion: null, hold: null });
  });

  it("keeps a service without environments on the board", async () => {
    const team = await createTeam("Platform");
    await createService(team.id, "bare", []);
    const mine = findTeam(await getPipelineBoard(SYSTEM_CTX), team.slug);
    expect(mine.services).toHaveLength(1);
    expect(mine.services[0]!.environments).toEqual([]);
  });

  it("marks drift and freezes, counts approvals of waiting promotions, and finds the last known-good artifact", async () => {
    const team = await createTeam("Markers");
    const { service, environments } = await createService(team.id, "markers", ["staging", "prod"]);
    const [staging, prod] = environments;
    const v1 = await createArtifact(service.id, "1.0.0");
    const v2 = await createArtifact(service.id, "2.0.0");
    const v3 = await createArtifact(service.id, "3.0.0");
    await deploy(prod!, v1.id, "Succeeded", 10);
    await deploy(prod!, v2.id, "Succeeded", 8);
    await deploy(prod!, v2.id, "Succeeded", 6); // redeploying the same artifact does not make it its own target
    await deploy(prod!, v3.id, "Failed", 4);
    const pending = await promote(prod!.id, v3.id, "PendingApproval", 3);
    await approve(pending.id);
    await approve(pending.id);
    await approve(pending.id, "Reject");
    const queued = await promote(prod!.id, v3.id, "Queued", 2);
    await promote(prod!.id, v2.id, "Succeeded", 9); // not waiting: not listed
    const [east, west] = await Promise.all(["east", "west"].map((side) => db.cluster.create({ data: { name: `board-${side}-${prod!.id}`, apiServerUrl: "https://127.0.0.1:9", authKind: "InCluster" } })));
    await db.environmentCluster.createMany({
      data: [
        { environmentId: prod!.id, clusterId: east!.id },
        { environmentId: prod!.id, clusterId: west!.id, driftDetectedAt: at(1), driftLiveImage: "registry.example.com/app:hotfix" },
      ],
    });
    await db.freezeWindow.create({ data: { environmentId: prod!.id, kind: "OneOff", reason: "Black Friday", startsAt: at(1), endsAt: at(-5) } });
    await db.freezeWindow.create({ data: { environmentId: staging!.id, kind: "OneOff", reason: "Over", startsAt: at(5), endsAt: at(3) } });

    const cells = findTeam(await getPipelineBoard(SYSTEM_CTX), team.slug).services[0]!.environments;
    const [stagingCell, prodCell] = cells;
    expect(prodCell!.current?.artifact.version).toBe("2.0.0");
    expect(prodCell!.rollbackTarget?.version).toBe("1.0.0");
    expect(prodCell!.drift).toEqual({
      detectedAt: at(1),
      liveImage: "registry.example.com/app:hotfix",
      clusters: [{ cluster: west!.name, detectedAt: at(1), liveImage: "registry.example.com/app:hotfix" }],
    });
    expect(prodCell!.freeze).toEqual({ reason: "Black Friday", endsAt: at(-5) });
    expect(prodCell!.requiredApprovals).toBe(0);
    expect(prodCell!.waitingPromotions.map((p) => [p.id, p.status, p.approvals])).toEqual([
      [pending.id, "PendingApproval", 2],
      [queued.id, "Queued", 0],
    ]);
    expect(stagingCell!.freeze).toBeNull();
    expect(stagingCell!.drift).toBeNull();
  });

  it("says what the viewer may do in each environment from their bindings", async () => {
    const team = await createTeam("Permissions");
    const { service, environments } = await createService(team.id, "perm", ["dev", "prod"]);
    const [dev, prod] = environments;
    const actor = userActor([
      { role: "deployer", scope: { kind: "service", serviceId: service.id }, via: "direct" },
      { role: "approver", scope: { kind: "environment", environmentId: prod!.id, serviceId: service.id }, via: "direct" },
      { role: "operator", scope: { kind: "environment", environmentId: prod!.id, serviceId: service.id }, via: "direct" },
    ]);
    const mine = findTeam(await getPipelineBoard({ actor }), team.slug);
    const [devCell, prodCell] = mine.services[0]!.environments;
    expect(devCell!.id).toBe(dev!.id);
    expect(devCell!.can).toEqual({ promote: true, approve: false, rollback: false, hold: false });
    expect(prodCell!.can).toEqual({ promote: true, approve: true, rollback: true, hold: true });

    const viewer = userActor([{ role: "viewer", scope: { kind: "team", teamId: team.id }, via: "direct" }]);
    const seen = findTeam(await getPipelineBoard({ actor: { ...viewer, teamServiceIds: { [team.id]: [service.id] } } }), team.slug);
    expect(seen.services[0]!.environments.map((e) => e.can)).toEqual([
      { promote: false, approve: false, rollback: false, hold: false },
      { promote: false, approve: false, rollback: false, hold: false },
    ]);
  });

  it("shows each environment's latest verdict: the newest judged deployment, never an open analysis", async () => {
    const team = await createTeam("Verdicts");
    const { service, environments } = await createService(team.id, "judged", ["staging", "prod", "dev-never"]);
    const [staging, prod, never] = environments;
    const v1 = await createArtifact(service.id, "1.0.0");
    const v2 = await createArtifact(service.id, "2.0.0");
    const v3 = await createArtifact(service.id, "3.0.0");
    const old = await deploy(prod!, v1.id, "Succeeded", 10);
    const judged = await deploy(prod!, v2.id, "RolledBack", 6);
    const open = await deploy(prod!, v3.id, "InProgress", 1);
    const stagingDeploy = await deploy(staging!, v2.id, "Succeeded", 8);
    await deploy(never!, v2.id, "Succeeded", 8);
    const window = { baselineStart: at(12), baselineEnd: at(11), canaryStart: at(11), canaryEnd: at(10), template: {} };
    await db.analysis.create({ data: { deploymentId: old.id, status: "Completed", verdict: "Pass", score: 100, finishedAt: at(9.5), ...window } });
    // A re-run of the same deployment's verification: the newer analysis is the verdict.
    await db.analysis.create({ data: { deploymentId: judged.id, status: "Completed", verdict: "Inconclusive", createdAt: at(5.9), finishedAt: at(5.8), ...window } });
    const fail = await db.analysis.create({ data: { deploymentId: judged.id, status: "Completed", verdict: "Fail", score: 12.5, createdAt: at(5.5), finishedAt: at(5.4), ...window } });
    await db.analysis.create({ data: { deploymentId: open.id, status: "Running", ...window } });
    const marginal = await db.analysis.create({ data: { deploymentId: stagingDeploy.id, status: "Completed", verdict: "Marginal", finishedAt: at(7.5), ...window } });

    const [stagingCell, prodCell, neverCell] = findTeam(await getPipelineBoard(SYSTEM_CTX), team.slug).services[0]!.environments;
    expect(prodCell!.lastVerdict).toEqual({ analysisId: fail.id, verdict: "Fail", score: 12.5, artifactVersion: "2.0.0", finishedAt: at(5.4) });
    expect(stagingCell!.lastVerdict).toEqual({ analysisId: marginal.id, verdict: "Marginal", score: null, artifactVersion: "2.0.0", finishedAt: at(7.5) });
    expect(neverCell!.lastVerdict).toBeNull();
  });

  it("takes a verdict reached after the analysis was created (as verification records it: Pending, then judged)", async () => {
    const team = await createTeam("Late verdict");
    const { service, environments } = await createService(team.id, "late", ["prod"]);
    const v1 = await createArtifact(service.id, "1.0.0");
    const v2 = await createArtifact(service.id, "2.0.0");
    const first = await deploy(environments[0]!, v1.id, "Succeeded", 5);
    const second = await deploy(environments[0]!, v2.id, "Succeeded", 2);
    const window = { baselineStart: at(6), baselineEnd: at(5), canaryStart: at(5), canaryEnd: at(4), template: {} };
    await db.analysis.create({ data: { deploymentId: first.id, status: "Completed", verdict: "Pass", finishedAt: at(4), ...window } });
    const pending = await db.analysis.create({ data: { deploymentId: second.id, status: "Pending", ...window } });
    const cell = () => getPipelineBoard(SYSTEM_CTX).then((board) => findTeam(board, team.slug).services[0]!.environments[0]!);
    expect((await cell()).lastVerdict?.artifactVersion).toBe("1.0.0");

    await db.analysis.update({ where: { id: pending.id }, data: { status: "Completed", verdict: "Marginal", finishedAt: at(1) } });
    expect((await cell()).lastVerdict).toMatchObject({ analysisId: pending.id, verdict: "Marginal", artifactVersion: "2.0.0" });
  });

  describe("query count", () => {
    let pool: pg.Pool;
    let counted: Db;
    let queries = 0;

    beforeAll(() => {
      // Count at the driver: every statement Prisma sends outside a transaction goes through pool.query.
      pool = new pg.Pool({ connectionString: inject("databaseUrl"), max: 4 });
      const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
      (pool as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
        queries += 1;
        return query(...args);
      };
      counted = new PrismaClient({ adapter: new PrismaPg(pool) });
    });
    afterAll(async () => {
      await counted.$disconnect();
      await pool.end();
    });

    async function queriesForOneBoard() {
      queries = 0;
      await getPipelineBoard(SYSTEM_CTX, counted);
      return queries;
    }

    async function addPopulatedService(teamId: string, index: number) {
      const { service, environments } = await createService(teamId, `svc-${index}`, ["dev", "staging", "prod"]);
      const previous = await createArtifact(service.id, `${index}.0.0`);
      const artifact = await createArtifact(service.id, `${index}.1.0`);
      const next = await createArtifact(service.id, `${index}.2.0`);
      for (const environment of environments) {
        await deploy(environment, previous.id, "Succeeded", 3);
        const deployment = await deploy(environment, artifact.id, "Succeeded", 2);
        await db.analysis.create({
          data: { deploymentId: deployment.id, status: "Completed", verdict: "Pass", baselineStart: at(3), baselineEnd: at(2), canaryStart: at(2), canaryEnd: at(1.9), template: {} },
        });
        await promote(environment.id, artifact.id, "Succeeded", 2.1);
        const waiting = await promote(environment.id, next.id, "PendingApproval", 1);
        await approve(waiting.id);
        await db.freezeWindow.create({ data: { environmentId: environment.id, kind: "Weekly", reason: "weekend", dayOfWeek: 6, startMinute: 0, durationMinutes: 2880 } });
      }
    }

    it("does not grow with the number of services", async () => {
      const team = await createTeam("Scale");
      for (let i = 0; i < 2; i++) await addPopulatedService(team.id, i);
      await getPipelineBoard(SYSTEM_CTX, counted); // warm-up: connection set-up is not the board's cost
      const withTwo = await queriesForOneBoard();
      expect(findTeam(await getPipelineBoard(SYSTEM_CTX, counted), team.slug).services).toHaveLength(2);

      for (let i = 2; i < 6; i++) await addPopulatedService(team.id, i);
      const withSix = await queriesForOneBoard();
      const six = findTeam(await getPipelineBoard(SYSTEM_CTX, counted), team.slug);
      expect(six.services).toHaveLength(6);
      expect(six.services.every((s) => s.environments.every((e) => e.current && e.latestPromotion && e.rollbackTarget && e.lastVerdict?.verdict === "Pass" && e.waitingPromotions[0]?.approvals === 1))).toBe(true);

      expect(withSix).toBe(withTwo);
      expect(withTwo).toBeGreaterThan(0);
      // services, their teams, their environments, their freeze windows, latest deployments with
      // rollback targets, latest promotions, waiting promotions with approval counts, last verdicts,
      // drifted clusters
      expect(withTwo).toBeLessThanOrEqual(9);
    });
  });
});
