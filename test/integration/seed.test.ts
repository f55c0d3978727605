import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { createDb, type Db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { applyMigrations } from "@/lib/db/schema-engine";
import { judgeMetric, scoreAnalysis } from "@/lib/metrics/judge";
import { analysisTemplateSchema } from "@/lib/metrics/template";
import { DEMO_PASSWORD, DEMO_USERS, SANDBOX_CLUSTERS, seedDemoData } from "@/lib/seed/demo-data";
import { listCurrentWorkloads } from "@/lib/seed/current-workloads";
import { generateDemoData } from "@/lib/seed/generate-demo-data";
import { createEmptyDatabase } from "@/test/helpers/database";

let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
let db: Db;
let firstRun: { created: boolean };
let secondRun: { created: boolean };
let countsAfterFirst: Record<string, number>;
let countsAfterSecond: Record<string, number>;
let seededBy: Date;

async function tableCounts(client: Db) {
  const tables = await client.$queryRaw<{ name: string }[]>`
    SELECT table_name AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '_prisma_migrations'
    ORDER BY table_name`;
  const counts: Record<string, number> = {};
  for (const { name } of tables) {
    const [row] = await client.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${name}"`);
    counts[name] = row!.n;
  }
  return counts;
}

/** Rows of a query that lists violations of an invariant; the invariant holds when it is empty. */
function violations<T = Record<string, unknown>>(query: TemplateStringsArray, ...values: unknown[]) {
  return db.$queryRaw<T[]>(query, ...values);
}

beforeAll(async () => {
  database = await createEmptyDatabase();
  await applyMigrations(database.url);
  db = createDb(database.url);
  firstRun = await seedDemoData(db);
  countsAfterFirst = await tableCounts(db);
  secondRun = await seedDemoData(db);
  countsAfterSecond = await tableCounts(db);
  seededBy = new Date();
}, 120_000);

afterAll(async () => {
  await db?.$disconnect();
  await database?.drop();
});

describe("seeding demo data", () => {
  it("creates data once; a second run creates nothing", () => {
    expect(firstRun).toEqual({ created: true });
    expect(secondRun).toEqual({ created: false });
    expect(countsAfterSecond).toEqual(countsAfterFirst);
    for (const table of ["User", "Team", "Service", "Environment", "Artifact", "ArtifactCommit", "Promotion", "Approval", "Deployment", "Analysis", "AnalysisMetricResult", "Incident", "AuditEvent", "RoleBinding", "TeamMembership", "Cluster", "ApiToken"]) {
      expect(countsAfterFirst[table], table).toBeGreaterThan(0);
    }
  });

  it("skips a database that already has services of its own", async () => {
    const other = await createEmptyDatabase();
    await applyMigrations(other.url);
    const client = createDb(other.url);
    try {
      const team = await client.team.create({ data: { slug: "platform", name: "Platform" } });
      await client.service.create({ data: { slug: "gateway", name: "Gateway", teamId: team.id, imageRepository: "r.example.com/gateway" } });
      expect(await seedDemoData(client)).toEqual({ created: false });
      expect(await client.promotion.count()).toBe(0);
    } finally {
      await client.$disconnect();
      await other.drop();
    }
  });

  it("generates the same history for the same hour, whatever the ids", () => {
    const hashes = Object.fromEntries(DEMO_USERS.map((u) => [u.email, "hash"]));
    const run = (now: Date) => {
      let n = 0;
      const data = generateDemoData({ now, passwordHashes: hashes, newId: () => `id-${++n}` });
      return JSON.stringify(data, (_key, value) => (typeof value === "bigint" ? value.toString() : value));
    };
    expect(run(new Date("2026-03-10T14:05:00Z"))).toBe(run(new Date("2026-03-10T14:55:00Z")));
    expect(run(new Date("2026-03-10T14:05:00Z"))).not.toBe(run(new Date("2026-03-10T15:05:00Z")));
  });
});

describe("demo organisation", () => {
  it("has two teams, five services, each with dev → staging → prod; dev and staging on sandbox-east, prod on both sandbox clusters", async () => {
    const teams = await db.team.findMany({
      include: { services: { include: { environments: { include: { clusters: { include: { cluster: true }, orderBy: { cluster: { name: "asc" } } } }, orderBy: { position: "asc" } } } } },
      orderBy: { slug: "asc" },
    });
    expect(teams.map((t) => t.slug)).toEqual(["growth", "payments"]);
    expect(teams.flatMap((t) => t.services)).toHaveLength(5);
    for (const service of teams.flatMap((t) => t.services)) {
      expect(service.environments.map((e) => [e.name, e.position, e.isProduction])).toEqual([
        ["dev", 0, false],
        ["staging", 1, false],
        ["prod", 2, true],
      ]);
      for (const env of service.environments) {
        for (const { cluster } of env.clusters) expect(cluster).toMatchObject({ authKind: "BearerToken", encryptedCredentials: null });
        expect(env.clusters.map((c) => [c.cluster.name, c.cluster.apiServerUrl])).toEqual(
          (env.name === "prod" ? SANDBOX_CLUSTERS : SANDBOX_CLUSTERS.slice(0, 1)).map((c) => [c.name, `https://127.0.0.1:${c.port}`]),
        );
        expect(env).toMatchObject({ namespace: `${service.slug}-${env.name}`, workloadName: service.slug, containerName: "app" });
      }
      const [dev, , prod] = service.environments;
      expect(dev!.requiredApprovals).toBe(0);
      expect(prod!.requiredApprovals).toBeGreaterThanOrEqual(1);
      expect(prod!.minSoakMinutes).toBe(60);
    }
  });

  it("lets every demo user sign in with the demo password (argon2id)", async () => {
    const users = await db.user.findMany({ where: { email: { in: DEMO_USERS.map((u) => u.email) } } });
    expect(users).toHaveLength(DEMO_USERS.length);
    for (const user of users) {
      expect(user.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await verifyPassword(user.passwordHash, DEMO_PASSWORD)).toBe(true);
      expect(await verifyPassword(user.passwordHash, "wrong-password")).toBe(false);
    }
  });

  it("covers every role, with the bindings each demo user is described with", async () => {
    const users = await db.user.findMany({
      include: {
        roleBindings: { include: { scopeTeam: true, scopeEnvironment: { include: { service: true } } } },
        memberships: { include: { team: { include: { roleBindings: { include: { scopeTeam: true } } } } } },
      },
    });
    const label = (b: { role: Role; scopeTeam: { slug: string } | null; scopeEnvironment?: { name: string; service: { slug: string } } | null; scopeServiceId: string | null }) =>
      `${b.role}@${b.scopeTeam ? `team:${b.scopeTeam.slug}` : b.scopeEnvironment ? `${b.scopeEnvironment.service.slug}/${b.scopeEnvironment.name}` : b.scopeServiceId ? "service" : "global"}`;
    const effective = new Map(
      users.map((u) => [u.email, [...u.roleBindings.map(label), ...u.memberships.flatMap((m) => m.team.roleBindings.map(label))].sort()]),
    );
    expect(effective.get("admin@example.com")).toEqual(["admin@global"]);
    expect(effective.get("viewer@example.com")).toEqual(["viewer@global"]);
    expect(effective.get("deployer@example.com")).toEqual(["deployer@team:payments"]);
    expect(effective.get("growth-deployer@example.com")).toEqual(["deployer@team:growth"]);
    expect(effective.get("approver@example.com")).toEqual(["approver@global"]);
    expect(effective.get("prod-approver@example.com")).toEqual(["approver@ledger/prod", "approver@payments-api/prod"]);
    expect(effective.get("oncall@example.com")).toEqual(["operator@global"]);
    const roles = new Set([...effective.values()].flat().map((b) => b.split("@")[0]));
    expect([...roles].sort()).toEqual(["admin", "approver", "deployer", "operator", "viewer"]);
    for (const demoUser of DEMO_USERS) expect(effective.get(demoUser.email)!.every((b) => b.startsWith(demoUser.role))).toBe(true);
  });
});

describe("seeded history", () => {
  it("never counts the requester or a commit author toward approval", async () => {
    expect(await violations`
      SELECT a.id FROM "Approval" a JOIN "Promotion" p ON p.id = a."promotionId"
      WHERE a."userId" = p."requestedById"`).toEqual([]);
    expect(await violations`
      SELECT a.id, u.email FROM "Approval" a
      JOIN "User" u ON u.id = a."userId"
      JOIN "Promotion" p ON p.id = a."promotionId"
      JOIN "ArtifactCommit" c ON c."artifactId" = p."artifactId" AND lower(c."authorEmail") = lower(u.email)`).toEqual([]);
    // Some demo users do commit, so the rule above is exercised, not vacuous.
    expect(await db.artifactCommit.count({ where: { authorEmail: { in: DEMO_USERS.map((u) => u.email) } } })).toBeGreaterThan(0);
  });

  it("only has approvals from users holding the approver role where they approve", async () => {
    expect(await violations`
      SELECT a.id FROM "Approval" a
      JOIN "Promotion" p ON p.id = a."promotionId"
      JOIN "Environment" e ON e.id = p."environmentId"
      JOIN "Service" s ON s.id = e."serviceId"
      WHERE NOT EXISTS (
        SELECT 1 FROM "RoleBinding" b
        WHERE b.role IN ('approver', 'admin')
          AND (b."userId" = a."userId" OR b."teamId" IN (SELECT "teamId" FROM "TeamMembership" WHERE "userId" = a."userId"))
          AND (num_nonnulls(b."scopeTeamId", b."scopeServiceId", b."scopeEnvironmentId") = 0
               OR b."scopeTeamId" = s."teamId" OR b."scopeServiceId" = s.id OR b."scopeEnvironmentId" = e.id))`).toEqual([]);
  });

  it("reached the approval quorum before every promotion that ran, and respected the soak time", async () => {
    expect(await violations`
      SELECT p.id, e.name, e."requiredApprovals",
             count(a.id) FILTER (WHERE a.decision = 'Approve' AND a."createdAt" <= p."startedAt") AS approvals
      FROM "Promotion" p JOIN "Environment" e ON e.id = p."environmentId"
      LEFT JOIN "Approval" a ON a."promotionId" = p.id
      WHERE p.kind = 'Promotion' AND p."startedAt" IS NOT NULL
      GROUP BY p.id, e.name, e."requiredApprovals"
      HAVING count(a.id) FILTER (WHERE a.decision = 'Approve' AND a."createdAt" <= p."startedAt") < e."requiredApprovals"`).toEqual([]);
    // Upstream success and soak: the artifact succeeded in the previous stage at least minSoakMinutes earlier.
    expect(await violations`
      SELECT p.id FROM "Promotion" p
      JOIN "Environment" e ON e.id = p."environmentId"
      WHERE p.kind = 'Promotion' AND p."startedAt" IS NOT NULL AND e.position > 0
        AND NOT EXISTS (
          SELECT 1 FROM "Deployment" d JOIN "Environment" up ON up.id = d."environmentId"
          WHERE up."serviceId" = e."serviceId" AND up.position = e.position - 1
            AND d."artifactId" = p."artifactId" AND d.outcome = 'Succeeded'
            AND d."finishedAt" + make_interval(mins => e."minSoakMinutes") <= p."startedAt")`).toEqual([]);
  });

  it("links every promotion that ran to one deployment with the matching outcome", async () => {
    expect(await violations`
      SELECT p.id, p.status, d.outcome FROM "Promotion" p LEFT JOIN "Deployment" d ON d."promotionId" = p.id
      WHERE (p.status IN ('Succeeded', 'Failed', 'RolledBack')) <> (d.id IS NOT NULL)
         OR (d.id IS NOT NULL AND d.outcome::text <> p.status::text)
         OR (d.id IS NOT NULL AND d."isRollback" <> (p.kind = 'Rollback'))
         OR (d.id IS NOT NULL AND (d."artifactId" <> p."artifactId" OR d."environmentId" <> p."environmentId"))`).toEqual([]);
    expect(await violations`
      SELECT d.id FROM "Deployment" d JOIN "Environment" e ON e.id = d."environmentId"
      WHERE d."serviceId" <> e."serviceId" OR d."isProduction" <> e."isProduction" OR d."finishedAt" IS NULL`).toEqual([]);
  });

  it("has one coherent running artifact per environment: each deployment replaced what was running", async () => {
    const deployments = await db.deployment.findMany({ orderBy: [{ environmentId: "asc" }, { startedAt: "asc" }] });
    const environments = await db.environment.findMany({ select: { id: true } });
    expect(new Set(deployments.map((d) => d.environmentId)).size).toBe(environments.length);
    const running = new Map<string, string | null>();
    const busyUntil = new Map<string, Date>();
    for (const d of deployments) {
      const previous = running.get(d.environmentId) ?? null;
      expect(d.previousArtifactId, `deployment ${d.id}`).toBe(previous);
      const busy = busyUntil.get(d.environmentId);
      if (busy) expect(d.startedAt.getTime(), `deployment ${d.id} overlaps the previous one`).toBeGreaterThanOrEqual(busy.getTime());
      busyUntil.set(d.environmentId, d.finishedAt!);
      if (d.outcome === "Succeeded" || d.outcome === "RolledBack") running.set(d.environmentId, d.artifactId);
    }
    // The latest succeeded deployment is what runs now (a rolled-back one is always followed by its rollback).
    for (const environment of environments) {
      const latestSucceeded = [...deployments].reverse().find((d) => d.environmentId === environment.id && d.outcome === "Succeeded");
      expect(latestSucceeded?.artifactId).toBe(running.get(environment.id));
    }
  });

  it("lists the workload each environment should run on each of its sandbox clusters", async () => {
    const workloads = await listCurrentWorkloads(db);
    // Five services: dev and staging on one cluster, prod on two.
    expect(workloads).toHaveLength(20);
    const paymentsProd = workloads.filter((w) => w.service === "payments-api" && w.environment === "prod");
    expect(paymentsProd.map((w) => w.clusterName)).toEqual(["sandbox-east", "sandbox-west"]);
    const latest = await db.deployment.findFirst({
      where: { environment: { name: "prod", service: { slug: "payments-api" } }, outcome: "Succeeded" },
      orderBy: { startedAt: "desc" },
      include: { artifact: true },
    });
    expect(paymentsProd[1]).toEqual({
      clusterName: "sandbox-west",
      namespace: "payments-api-prod",
      name: "payments-api",
      container: "app",
      image: `registry.example.com/payments-api@${latest!.artifact.imageDigest}`,
      service: "payments-api",
      environment: "prod",
    });
    for (const workload of workloads) expect(workload.image).toMatch(new RegExp(`^registry\\.example\\.com/${workload.service}@sha256:[0-9a-f]{64}$`));
  });

  it("follows every rolled-back deployment with a rollback to the artifact it replaced", async () => {
    expect(await violations`
      SELECT d.id FROM "Deployment" d
      WHERE d.outcome = 'RolledBack' AND NOT EXISTS (
        SELECT 1 FROM "Deployment" r
        WHERE r."environmentId" = d."environmentId" AND r."isRollback" AND r.outcome = 'Succeeded'
          AND r."artifactId" = d."previousArtifactId" AND r."previousArtifactId" = d."artifactId"
          AND r."startedAt" >= d."finishedAt")`).toEqual([]);
    expect(await db.deployment.count({ where: { outcome: "RolledBack" } })).toBeGreaterThan(0);
    expect(await db.promotion.count({ where: { kind: "Rollback", status: "Succeeded" } })).toBe(await db.deployment.count({ where: { isRollback: true } }));
  });

  it("leaves live items for the UI and nothing stuck mid-deployment", async () => {
    expect(await db.promotion.count({ where: { status: { in: ["Deploying", "Verifying"] } } })).toBe(0);
    const pending = await db.promotion.findMany({
      where: { status: "PendingApproval" },
      include: { environment: { include: { service: true } }, approvals: true },
    });
    for (const promotion of pending) {
      expect(promotion.approvals.filter((a) => a.decision === "Approve").length).toBeLessThan(promotion.environment.requiredApprovals);
      expect(promotion.approvals.filter((a) => a.decision === "Reject")).toEqual([]);
    }
    expect(pending.some((p) => p.environment.isProduction && p.environment.requiredApprovals === 2 && p.approvals.length === 1)).toBe(true);
    const waiting = await db.promotion.findMany({ where: { status: { in: ["Approved", "Queued"] } }, include: { environment: true } });
    const queuedForStaging = waiting.find((p) => p.environment.name === "staging");
    expect(queuedForStaging).toBeDefined();
    // Live items are recent: within the last two hours (also proves timestamps are stored as UTC).
    expect(seededBy.getTime() - queuedForStaging!.createdAt.getTime()).toBeLessThan(2 * 3600 * 1000);
    expect(seededBy.getTime() - queuedForStaging!.createdAt.getTime()).toBeGreaterThan(0);
    // Each live promotion could be allowed: its artifact succeeded upstream.
    for (const promotion of [...pending, ...waiting]) {
      const upstream = await db.deployment.findFirst({
        where: { artifactId: promotion.artifactId, outcome: "Succeeded", environment: { serviceId: promotion.environment.serviceId, position: promotion.environment.position - 1 } },
      });
      expect(upstream, `promotion ${promotion.id}`).not.toBeNull();
    }
  });

  it("keeps incidents, analyses and timestamps consistent", async () => {
    expect(await violations`
      SELECT i.id FROM "Incident" i LEFT JOIN "Deployment" d ON d.id = i."deploymentId"
      WHERE i."resolvedAt" IS NULL OR i."resolvedAt" < i."openedAt"
         OR (d.id IS NOT NULL AND (d."serviceId" <> i."serviceId" OR d."environmentId" <> i."environmentId" OR i."openedAt" < d."startedAt" OR d.outcome = 'Succeeded'))`).toEqual([]);
    expect(await db.incident.count({ where: { deploymentId: { not: null } } })).toBeGreaterThan(0);

    // A failed verification never leaves the release in place, and the verdict follows the metrics.
    expect(await violations`
      SELECT a.id FROM "Analysis" a JOIN "Deployment" d ON d.id = a."deploymentId"
      WHERE (a.verdict = 'Fail' AND d.outcome = 'Succeeded')
         OR a.status <> 'Completed'
         OR (SELECT count(*) FROM "AnalysisMetricResult" m WHERE m."analysisId" = a.id) <> jsonb_array_length(a.template->'metrics')
         OR (a.verdict = 'Fail') <> EXISTS (SELECT 1 FROM "AnalysisMetricResult" m WHERE m."analysisId" = a.id AND m.critical AND m.status = 'High')
         OR (a.verdict = 'Pass') <> NOT EXISTS (SELECT 1 FROM "AnalysisMetricResult" m WHERE m."analysisId" = a.id AND m.status <> 'Pass')
         OR a."canaryStart" < d."startedAt" OR a."canaryEnd" > d."finishedAt"`).toEqual([]);
    expect(await violations`
      SELECT m.id FROM "AnalysisMetricResult" m
      WHERE cardinality(m."baselineSamples") < 8 OR cardinality(m."canarySamples") < 8
         OR cardinality(m."baselineSamples") <> jsonb_array_length(m."baselineSummary"->'sampleTimes')
         OR cardinality(m."canarySamples") <> jsonb_array_length(m."canarySummary"->'sampleTimes')
         OR m."pValue" NOT BETWEEN 0 AND 1 OR m.explanation = ''`).toEqual([]);
    const verdicts = await db.analysis.groupBy({ by: ["verdict"], _count: true });
    expect(verdicts.map((v) => v.verdict).sort()).toEqual(["Fail", "Marginal", "Pass"]);
    expect(await db.analysis.count({ where: { deployment: { isProduction: true } } })).toBeGreaterThan(50);

    const [latest] = await db.$queryRaw<{ latest: Date }[]>`
      SELECT greatest(
        (SELECT max("createdAt") FROM "Promotion"), (SELECT max("finishedAt") FROM "Promotion"),
        (SELECT max("finishedAt") FROM "Deployment"), (SELECT max("createdAt") FROM "Approval"),
        (SELECT max("resolvedAt") FROM "Incident"), (SELECT max("occurredAt") FROM "AuditEvent"),
        (SELECT max("createdAt") FROM "Artifact"), (SELECT max("committedAt") FROM "ArtifactCommit")) AS latest`;
    expect(latest!.latest.getTime()).toBeLessThanOrEqual(seededBy.getTime());
    const [earliest] = await db.$queryRaw<{ earliest: Date }[]>`SELECT min("startedAt") AS earliest FROM "Deployment"`;
    expect(seededBy.getTime() - earliest!.earliest.getTime()).toBeGreaterThan(88 * 24 * 3600 * 1000);
  });

  it("stores what the real judge concludes from the stored samples", async () => {
    const analyses = await db.analysis.findMany({ include: { metrics: true }, orderBy: { createdAt: "asc" } });
    const sample = analyses.filter((a, i) => a.verdict !== "Pass" || i % 10 === 0);
    expect(sample.length).toBeGreaterThan(20);
    for (const analysis of sample) {
      const template = analysisTemplateSchema.parse(analysis.template);
      const judgements = analysis.metrics.map((stored) => {
        const spec = template.metrics.find((m) => m.name === stored.metricName)!;
        const judgement = judgeMetric(spec, stored.baselineSamples, stored.canarySamples);
        expect({ status: judgement.status, pValue: judgement.pValue, explanation: judgement.explanation }).toEqual({
          status: stored.status,
          pValue: stored.pValue,
          explanation: stored.explanation,
        });
        return judgement;
      });
      const score = scoreAnalysis(judgements, { noDataPolicy: "Inconclusive", thresholds: template.thresholds });
      expect({ verdict: score.verdict, score: score.score, summary: score.summary }).toEqual({ verdict: analysis.verdict, score: analysis.score, summary: analysis.summary });
    }
  });

  it("registers artifacts pinned by digest with their commits", async () => {
    expect(await violations`
      SELECT a.id FROM "Artifact" a JOIN "Service" s ON s.id = a."serviceId"
      WHERE a."imageRepository" <> 'registry.example.com/' || s.slug OR a."imageRepository" <> s."imageRepository"
         OR a."gitSha" !~ '^[0-9a-f]{40}$' OR a.version !~ '^\\d+\\.\\d+\\.\\d+$'
         OR (SELECT count(*) FROM "ArtifactCommit" c WHERE c."artifactId" = a.id) NOT BETWEEN 1 AND 6
         OR NOT EXISTS (SELECT 1 FROM "ArtifactCommit" c WHERE c."artifactId" = a.id AND c.sha = a."gitSha" AND c."committedAt" = a."commitTime")
         OR EXISTS (SELECT 1 FROM "ArtifactCommit" c WHERE c."artifactId" = a.id AND (c."committedAt" > a."createdAt" OR c.sha !~ '^[0-9a-f]{40}$'))`).toEqual([]);
  });

  it("records the main actions in the audit trail", async () => {
    expect(await violations`
      SELECT p.id FROM "Promotion" p WHERE NOT EXISTS (
        SELECT 1 FROM "AuditEvent" e WHERE e."targetId" = p.id::text AND e.action IN ('promotion.request', 'environment.rollback'))`).toEqual([]);
    expect(await violations`
      SELECT a.id FROM "Approval" a WHERE NOT EXISTS (
        SELECT 1 FROM "AuditEvent" e WHERE e."targetId" = a."promotionId"::text AND e."actorUserId" = a."userId"
          AND e.action = CASE a.decision WHEN 'Approve' THEN 'promotion.approve' ELSE 'promotion.reject' END)`).toEqual([]);
    expect(await violations`
      SELECT a.id FROM "Artifact" a WHERE NOT EXISTS (
        SELECT 1 FROM "AuditEvent" e WHERE e."targetId" = a.id::text AND e.action = 'artifact.register' AND e."actorTokenId" IS NOT NULL)`).toEqual([]);
    expect(await violations`SELECT id FROM "AuditEvent" WHERE "actorLabel" = '' OR ("actorUserId" IS NULL AND "actorLabel" NOT LIKE 'system:%')`).toEqual([]);
  });

  it("gives the two teams their different delivery profiles", async () => {
    const rows = await db.$queryRaw<{ team: string; deploys: number; failures: number; restoreMinutes: number }[]>`
      SELECT t.slug AS team,
             count(*) FILTER (WHERE NOT d."isRollback")::int AS deploys,
             count(*) FILTER (WHERE d.outcome IN ('Failed', 'RolledBack'))::int AS failures,
             (SELECT avg(extract(epoch FROM i."resolvedAt" - i."openedAt") / 60)::float FROM "Incident" i
               JOIN "Service" s2 ON s2.id = i."serviceId" WHERE s2."teamId" = t.id AND i."deploymentId" IS NOT NULL) AS "restoreMinutes"
      FROM "Deployment" d JOIN "Service" s ON s.id = d."serviceId" JOIN "Team" t ON t.id = s."teamId"
      WHERE d."isProduction"
      GROUP BY t.id, t.slug`;
    const payments = rows.find((r) => r.team === "payments")!;
    const growth = rows.find((r) => r.team === "growth")!;
    // Per service over 90 days: Payments several prod releases a week, Growth weekly to monthly.
    expect(payments.deploys / 3 / (90 / 7)).toBeGreaterThan(2);
    expect(growth.deploys / 2 / (90 / 7)).toBeLessThan(1);
    expect(growth.deploys / 2).toBeGreaterThanOrEqual(3);
    expect(payments.failures / payments.deploys).toBeLessThan(growth.failures / growth.deploys);
    expect(payments.restoreMinutes).toBeLessThan(growth.restoreMinutes);
  });
});
