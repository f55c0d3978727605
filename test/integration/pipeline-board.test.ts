import { randomBytes } from "node:crypto";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
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

async function promote(environmentId: string, artifactId: string, status: "Succeeded" | "Failed" | "PendingApproval", createdHoursAgo: number) {
  return db.promotion.create({ data: { environmentId, artifactId, status, createdAt: at(createdHoursAgo) } });
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
    });
    expect(devCell!.latestPromotion).toMatchObject({ status: "Failed", kind: "Promotion", artifactVersion: "1.2.0" });
    expect(devCell!.hold).toBeNull();

    expect(stagingCell!.current?.artifact.version).toBe("1.0.0");
    expect(stagingCell!.latestPromotion).toMatchObject({ status: "PendingApproval", artifactVersion: "1.1.0" });

    expect(prodCell!.current).toBeNull();
    expect(prodCell!.latestPromotion).toBeNull();
    expect(prodCell!.isProduction).toBe(true);
    expect(prodCell!.hold).toEqual({ heldAt: at(2), reason: "incident INC-42" });

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
      const artifact = await createArtifact(service.id, `${index}.0.0`);
      for (const environment of environments) {
        await deploy(environment, artifact.id, "Succeeded", 2);
        await promote(environment.id, artifact.id, "Succeeded", 2.1);
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
      expect(six.services.every((s) => s.environments.every((e) => e.current && e.latestPromotion))).toBe(true);

      expect(withSix).toBe(withTwo);
      expect(withTwo).toBeGreaterThan(0);
      // services, their teams, their environments, latest deployments, latest promotions
      expect(withTwo).toBeLessThanOrEqual(5);
    });
  });
});
