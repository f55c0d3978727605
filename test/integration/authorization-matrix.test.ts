import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { callerHeaders, listRouteHandlers, startApiServer, type ApiServer } from "../helpers/api-server";
import { dbFingerprint } from "../helpers/db-fingerprint";
import { stopBoss } from "@/lib/jobs/boss";
import {
  createArtifact,
  createServiceIn,
  createSucceededDeployment,
  createTeamWithService,
  createTokenFor,
  createUserWith,
  randomDigest,
} from "../helpers/identity-fixture";
import { usePrivateDatabase } from "../helpers/private-database";

/**
 * Every API route × method × caller. Each cell asserts the status; every denial also asserts that
 * the database is byte-for-byte unchanged. A route file without rows fails the suite.
 */
const CALLERS = ["anonymous", "outsider", "viewer", "deployer", "approver", "operator", "scopedAdmin", "admin", "narrowToken", "adminToken"] as const;
type Caller = (typeof CALLERS)[number];
type Expectations = Record<Caller, number>;
type Method = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

interface Row {
  method: Method;
  template: string;
  build(caller: Caller): Promise<{ path: string; body?: unknown }>;
  expect: Expectations;
}

const all = (status: number, overrides: Partial<Expectations> = {}): Expectations =>
  ({ ...Object.fromEntries(CALLERS.map((c) => [c, status])), ...overrides }) as Expectations;
const signedIn = (status: number, overrides: Partial<Expectations> = {}) => all(status, { anonymous: 401, ...overrides });
/** Global administration: only a global admin (or their full token) may. */
const adminOnly = (status: number) => signedIn(403, { admin: status, adminToken: status });
/**
 * An action on team alpha's service: the scoped admin (team beta) and the outsider cannot see it
 * (404); the environment-scoped approver sees alpha's first service only (`approverSees`).
 */
const onAlpha = (allowed: Partial<Expectations>, approverSees = true): Expectations =>
  signedIn(403, { scopedAdmin: 404, outsider: 404, ...(approverSees ? {} : { approver: 404 }), ...allowed });

let database: Awaited<ReturnType<typeof usePrivateDatabase>>;
let server: ApiServer;
let fixture: Awaited<ReturnType<typeof buildFixture>>;

async function buildFixture() {
  const db = getDb();
  const a = await createTeamWithService(db, "alpha");
  await db.environment.update({ where: { id: a.dev.id }, data: { requiredApprovals: 1 } });
  const b = await createTeamWithService(db, "beta");
  const admin = await createUserWith(db, "admin", [{ role: "admin" }]);
  const users = {
    outsider: await createUserWith(db, "outsider", []),
    viewer: await createUserWith(db, "viewer", [{ role: "viewer" }]),
    deployer: await createUserWith(db, "deployer", [{ role: "deployer", scopeTeamId: a.team.id }]),
    approver: await createUserWith(db, "approver", [{ role: "approver", scopeEnvironmentId: a.prod.id }]),
    operator: await createUserWith(db, "operator", [{ role: "operator" }]),
    scopedAdmin: await createUserWith(db, "scoped-admin", [{ role: "admin", scopeTeamId: b.team.id }]),
    admin,
  };
  const tokens = {
    narrowToken: (await createTokenFor(db, admin.id, ["service:read"])).token,
    adminToken: (await createTokenFor(db, admin.id, [...ACTIONS])).token,
  };
  return { a, b, users, tokens };
}

function headersFor(caller: Caller, method: Method): Record<string, string> {
  if (caller === "anonymous") return callerHeaders(null, method, server.baseUrl);
  if (caller === "narrowToken" || caller === "adminToken") return callerHeaders({ token: fixture.tokens[caller] }, method, server.baseUrl);
  return callerHeaders(fixture.users[caller], method, server.baseUrl);
}

const fresh = () => randomUUID().slice(0, 8);
const notificationChannel = () => getDb().notificationChannel.create({ data: { name: `n-${fresh()}`, url: "http://127.0.0.1:9/hook", events: ["promotion.failed"] } });

async function pendingPromotion(requestedById: string) {
  const db = getDb();
  const artifact = await createArtifact(db, fixture.a.service.id);
  await createSucceededDeployment(db, fixture.a.dev, artifact.id, new Date(Date.now() - 86_400_000));
  return db.promotion.create({ data: { environmentId: fixture.a.prod.id, artifactId: artifact.id, requestedById, status: "PendingApproval" } });
}

async function matrixCluster() {
  return getDb().cluster.create({ data: { name: `m-${fresh()}`, apiServerUrl: "https://127.0.0.1:9", authKind: "InCluster" } });
}

/** A fresh alpha service whose prod ran two artifacts, so there is something to roll back to. */
async function rollbackableProd() {
  const db = getDb();
  const { prod } = await createServiceIn(db, fixture.a.team.id, "rb");
  const older = await createArtifact(db, prod.serviceId);
  const newer = await createArtifact(db, prod.serviceId);
  await createSucceededDeployment(db, prod, older.id, new Date(Date.now() - 2 * 86_400_000));
  await createSucceededDeployment(db, prod, newer.id, new Date(Date.now() - 86_400_000));
  return prod;
}

/** An open incident on alpha's prod (DORA / incidents rows). */
async function alphaIncident() {
  return getDb().incident.create({
    data: { serviceId: fixture.a.service.id, environmentId: fixture.a.prod.id, title: `matrix ${fresh()}`, openedAt: new Date(Date.now() - 3_600_000) },
  });
}

/** A judged analysis of a release on alpha's prod (the environment the approver is bound to). */
async function analysisOnAlpha() {
  const db = getDb();
  const artifact = await createArtifact(db, fixture.a.service.id);
  const deployment = await createSucceededDeployment(db, fixture.a.prod, artifact.id, new Date(Date.now() - 3_600_000));
  const start = deployment.startedAt.getTime();
  return db.analysis.create({
    data: {
      deploymentId: deployment.id,
      status: "Completed",
      verdict: "Pass",
      score: 100,
      summary: "Pass: 1 of 1 scored metric passed (score 100).",
      baselineStart: new Date(start - 600_000),
      baselineEnd: new Date(start),
      canaryStart: new Date(start + 60_000),
      canaryEnd: new Date(start + 660_000),
      template: { version: 1, stepSeconds: 60, metrics: [] },
      finishedAt: new Date(start + 670_000),
    },
  });
}

const rows: Row[] = [
  { method: "GET", template: "/api/health", build: async () => ({ path: "/api/health" }), expect: all(200) },
  { method: "GET", template: "/api/ready", build: async () => ({ path: "/api/ready" }), expect: all(200) },
  // GANTRY_METRICS_TOKEN unset outside production: open (its token gate is in observability.test.ts).
  { method: "GET", template: "/api/metrics", build: async () => ({ path: "/api/metrics" }), expect: all(200) },
  { method: "GET", template: "/api/auth/[...nextauth]", build: async () => ({ path: "/api/auth/providers" }), expect: all(200) },
  {
    // next-auth refuses a credentials callback without its CSRF token: redirect, no session, nothing written.
    method: "POST",
    template: "/api/auth/[...nextauth]",
    build: async () => ({ path: "/api/auth/callback/credentials", body: { email: fixture.users.admin.email, password: "wrong" } }),
    expect: all(302),
  },
  { method: "GET", template: "/api/v1/me", build: async () => ({ path: "/api/v1/me" }), expect: signedIn(200) },
  { method: "GET", template: "/api/v1/users", build: async () => ({ path: "/api/v1/users" }), expect: adminOnly(200) },
  {
    method: "POST",
    template: "/api/v1/users",
    build: async () => ({ path: "/api/v1/users", body: { email: `new-${fresh()}@fixture.test`, name: "New", password: "a-long-enough-password" } }),
    expect: adminOnly(201),
  },
  {
    method: "PATCH",
    template: "/api/v1/users/[id]",
    build: async () => ({ path: `/api/v1/users/${(await createUserWith(getDb(), "target", [])).id}`, body: { name: "Renamed" } }),
    expect: adminOnly(200),
  },
  { method: "GET", template: "/api/v1/teams", build: async () => ({ path: "/api/v1/teams" }), expect: adminOnly(200) },
  { method: "POST", template: "/api/v1/teams", build: async () => ({ path: "/api/v1/teams", body: { slug: `team-${fresh()}`, name: "T" } }), expect: adminOnly(201) },
  {
    method: "POST",
    template: "/api/v1/teams/[id]/members",
    build: async () => {
      const user = await createUserWith(getDb(), "member", []);
      return { path: `/api/v1/teams/${fixture.a.team.id}/members`, body: { userId: user.id } };
    },
    expect: adminOnly(200),
  },
  {
    method: "DELETE",
    template: "/api/v1/teams/[id]/members/[userId]",
    build: async () => {
      const user = await createUserWith(getDb(), "member", []);
      await getDb().teamMembership.create({ data: { teamId: fixture.a.team.id, userId: user.id } });
      return { path: `/api/v1/teams/${fixture.a.team.id}/members/${user.id}` };
    },
    expect: adminOnly(200),
  },
  { method: "GET", template: "/api/v1/role-bindings", build: async () => ({ path: "/api/v1/role-bindings" }), expect: adminOnly(200) },
  {
    method: "POST",
    template: "/api/v1/role-bindings",
    build: async () => {
      const user = await createUserWith(getDb(), "grantee", []);
      return { path: "/api/v1/role-bindings", body: { role: "viewer", subject: { userId: user.id }, scope: { kind: "service", serviceId: fixture.a.service.id } } };
    },
    expect: adminOnly(201),
  },
  {
    method: "DELETE",
    template: "/api/v1/role-bindings/[id]",
    build: async () => {
      const user = await createUserWith(getDb(), "grantee", [{ role: "viewer" }]);
      const binding = await getDb().roleBinding.findFirstOrThrow({ where: { userId: user.id } });
      return { path: `/api/v1/role-bindings/${binding.id}` };
    },
    expect: adminOnly(200),
  },
  { method: "GET", template: "/api/v1/notification-channels", build: async () => ({ path: "/api/v1/notification-channels" }), expect: adminOnly(200) },
  {
    method: "POST",
    template: "/api/v1/notification-channels",
    build: async () => ({ path: "/api/v1/notification-channels", body: { name: `n-${fresh()}`, url: "http://127.0.0.1:9/hook", events: ["promotion.failed"] } }),
    expect: adminOnly(201),
  },
  {
    method: "PATCH",
    template: "/api/v1/notification-channels/[id]",
    build: async () => ({ path: `/api/v1/notification-channels/${(await notificationChannel()).id}`, body: { enabled: false } }),
    expect: adminOnly(200),
  },
  {
    method: "DELETE",
    template: "/api/v1/notification-channels/[id]",
    build: async () => ({ path: `/api/v1/notification-channels/${(await notificationChannel()).id}` }),
    expect: adminOnly(204),
  },
  {
    method: "GET",
    template: "/api/v1/notification-channels/[id]/deliveries",
    build: async () => ({ path: `/api/v1/notification-channels/${(await notificationChannel()).id}/deliveries` }),
    expect: adminOnly(200),
  },
  { method: "GET", template: "/api/v1/tokens", build: async () => ({ path: "/api/v1/tokens" }), expect: signedIn(200) },
  {
    method: "POST",
    template: "/api/v1/tokens",
    build: async () => ({ path: "/api/v1/tokens", body: { name: `t-${fresh()}`, scopes: ["service:read"] } }),
    // A person may mint a token for permissions they hold; a token may not mint tokens.
    expect: signedIn(201, { outsider: 403, narrowToken: 403, adminToken: 403 }),
  },
  {
    method: "DELETE",
    template: "/api/v1/tokens/[id]",
    build: async () => ({ path: `/api/v1/tokens/${(await createTokenFor(getDb(), fixture.users.viewer.id, ["service:read"])).row.id}` }),
    // Someone else's token is invisible (404) unless you may manage all tokens.
    expect: signedIn(404, { viewer: 200, admin: 200, adminToken: 200 }),
  },
  { method: "GET", template: "/api/v1/artifacts", build: async () => ({ path: "/api/v1/artifacts" }), expect: signedIn(200) },
  {
    method: "POST",
    template: "/api/v1/artifacts",
    build: async () => ({
      path: "/api/v1/artifacts",
      body: { service: fixture.a.service.slug, version: `2.0.${fresh()}`, gitSha: "a".repeat(40), commitTime: new Date().toISOString(), image: `registry.example.com/alpha@${randomDigest()}` },
    }),
    expect: onAlpha({ deployer: 201, admin: 201, adminToken: 201 }),
  },
  { method: "GET", template: "/api/v1/services", build: async () => ({ path: "/api/v1/services" }), expect: signedIn(200) },
  {
    method: "GET",
    template: "/api/v1/services/[service]",
    build: async () => ({ path: `/api/v1/services/${fixture.a.service.slug}` }),
    expect: onAlpha({ viewer: 200, deployer: 200, approver: 200, operator: 200, admin: 200, narrowToken: 200, adminToken: 200 }),
  },
  { method: "GET", template: "/api/v1/promotions", build: async () => ({ path: "/api/v1/promotions" }), expect: signedIn(200) },
  {
    method: "POST",
    template: "/api/v1/promotions",
    build: async () => ({ path: "/api/v1/promotions", body: { artifactId: (await createArtifact(getDb(), fixture.a.service.id)).id, environmentId: fixture.a.dev.id, reason: "matrix" } }),
    expect: onAlpha({ deployer: 201, admin: 201, adminToken: 201 }),
  },
  {
    method: "GET",
    template: "/api/v1/promotions/[id]",
    build: async () => ({ path: `/api/v1/promotions/${(await pendingPromotion(fixture.users.deployer.id)).id}` }),
    expect: onAlpha({ viewer: 200, deployer: 200, approver: 200, operator: 200, admin: 200, narrowToken: 200, adminToken: 200 }),
  },
  {
    method: "POST",
    template: "/api/v1/promotions/[id]/approvals",
    build: async () => ({ path: `/api/v1/promotions/${(await pendingPromotion(fixture.users.deployer.id)).id}/approvals`, body: { decision: "approve", comment: "lgtm" } }),
    expect: onAlpha({ approver: 200, admin: 200, adminToken: 200 }),
  },
  {
    method: "POST",
    template: "/api/v1/promotions/[id]/abort",
    build: async () => ({ path: `/api/v1/promotions/${(await pendingPromotion(fixture.users.deployer.id)).id}/abort`, body: { reason: "matrix" } }),
    // The requester may withdraw their own request; otherwise the abort permission is needed.
    expect: onAlpha({ deployer: 200, operator: 200, admin: 200, adminToken: 200 }),
  },
  {
    method: "POST",
    template: "/api/v1/environments/[id]/rollback",
    build: async () => ({ path: `/api/v1/environments/${(await rollbackableProd()).id}/rollback`, body: { reason: "matrix rollback" } }),
    expect: onAlpha({ operator: 202, admin: 202, adminToken: 202 }, false),
  },
  {
    method: "POST",
    template: "/api/v1/environments/[id]/hold",
    build: async () => ({ path: `/api/v1/environments/${(await rollbackableProd()).id}/hold`, body: { reason: "matrix hold" } }),
    expect: onAlpha({ operator: 200, admin: 200, adminToken: 200 }, false),
  },
  {
    method: "DELETE",
    template: "/api/v1/environments/[id]/hold",
    build: async () => {
      const prod = await rollbackableProd();
      await getDb().environment.update({ where: { id: prod.id }, data: { heldAt: new Date(), holdReason: "matrix" } });
      return { path: `/api/v1/environments/${prod.id}/hold` };
    },
    expect: onAlpha({ operator: 200, admin: 200, adminToken: 200 }, false),
  },
  { method: "GET", template: "/api/v1/analyses", build: async () => ({ path: "/api/v1/analyses" }), expect: signedIn(200) },
  {
    method: "GET",
    template: "/api/v1/analyses/[id]",
    build: async () => ({ path: `/api/v1/analyses/${(await analysisOnAlpha()).id}` }),
    // Reading follows visibility: whoever can see alpha's service may read its analyses.
    expect: onAlpha({ viewer: 200, deployer: 200, approver: 200, operator: 200, admin: 200, narrowToken: 200, adminToken: 200 }),
  },
  { method: "GET", template: "/api/v1/clusters", build: async () => ({ path: "/api/v1/clusters" }), expect: adminOnly(200) },
  {
    method: "POST",
    template: "/api/v1/clusters",
    build: async () => ({ path: "/api/v1/clusters", body: { name: `c-${fresh()}`, apiServerUrl: "https://127.0.0.1:9", credentials: { authKind: "BearerToken", token: "secret-token" } } }),
    expect: adminOnly(201),
  },
  {
    method: "PATCH",
    template: "/api/v1/clusters/[id]",
    build: async () => ({ path: `/api/v1/clusters/${(await matrixCluster()).id}`, body: { apiServerUrl: "https://127.0.0.1:10" } }),
    expect: adminOnly(200),
  },
  {
    method: "POST",
    template: "/api/v1/clusters/[id]/test",
    // Nothing listens on the address: the report says so (200), it is not an error of the request.
    build: async () => ({ path: `/api/v1/clusters/${(await matrixCluster()).id}/test`, body: { namespace: "default" } }),
    expect: adminOnly(200),
  },
  {
    method: "PATCH",
    template: "/api/v1/environments/[id]",
    build: async () => ({ path: `/api/v1/environments/${(await rollbackableProd()).id}`, body: { minSoakMinutes: 5 } }),
    expect: onAlpha({ admin: 200, adminToken: 200 }, false),
  },
  {
    method: "GET",
    template: "/api/v1/audit",
    build: async () => ({ path: "/api/v1/audit" }),
    expect: signedIn(200, { outsider: 403, narrowToken: 403 }),
  },
  { method: "GET", template: "/api/v1/incidents", build: async () => ({ path: "/api/v1/incidents" }), expect: signedIn(200) },
  {
    method: "POST",
    template: "/api/v1/incidents",
    build: async () => ({ path: "/api/v1/incidents", body: { service: fixture.a.service.slug, title: `matrix ${fresh()}`, severity: "minor" } }),
    expect: onAlpha({ operator: 201, admin: 201, adminToken: 201 }),
  },
  {
    method: "GET",
    template: "/api/v1/incidents/[id]",
    build: async () => ({ path: `/api/v1/incidents/${(await alphaIncident()).id}` }),
    expect: onAlpha({ viewer: 200, deployer: 200, approver: 200, operator: 200, admin: 200, narrowToken: 200, adminToken: 200 }),
  },
  {
    method: "PATCH",
    template: "/api/v1/incidents/[id]",
    build: async () => ({ path: `/api/v1/incidents/${(await alphaIncident()).id}`, body: { resolvedAt: new Date().toISOString() } }),
    expect: onAlpha({ operator: 200, admin: 200, adminToken: 200 }),
  },
  {
    method: "POST",
    template: "/api/v1/webhooks/alertmanager",
    build: async () => ({
      path: "/api/v1/webhooks/alertmanager",
      body: {
        version: "4",
        status: "firing",
        alerts: [{ status: "firing", labels: { alertname: "Matrix", service: fixture.a.service.slug }, annotations: {}, startsAt: new Date(Date.now() - 60_000).toISOString(), fingerprint: fresh() }],
      },
    }),
    // Holding incident:manage somewhere is required; an alert for a service the caller cannot manage is ignored (200).
    expect: signedIn(403, { operator: 200, scopedAdmin: 200, admin: 200, adminToken: 200 }),
  },
  { method: "GET", template: "/api/v1/dora", build: async () => ({ path: "/api/v1/dora" }), expect: signedIn(200) },
  {
    method: "GET",
    template: "/api/v1/dora",
    build: async () => ({ path: `/api/v1/dora?service=${fixture.a.service.slug}` }),
    expect: onAlpha({ viewer: 200, deployer: 200, approver: 200, operator: 200, admin: 200, narrowToken: 200, adminToken: 200 }),
  },
  { method: "GET", template: "/api/v1/dora/[dataset]", build: async () => ({ path: "/api/v1/dora/failures?format=csv" }), expect: signedIn(200) },
];

beforeAll(async () => {
  database = await usePrivateDatabase();
  server = await startApiServer();
  fixture = await buildFixture();
});

afterAll(async () => {
  await stopBoss();
  await server?.close();
  await database?.drop();
});

describe("authorization matrix", () => {
  it("has a row for every route file and method under app/api", async () => {
    const missing: string[] = [];
    for (const { template, method } of await listRouteHandlers()) {
      if (!rows.some((r) => r.template === template && r.method === method)) missing.push(`${method} ${template}`);
    }
    expect(missing, "add these routes to the authorization matrix").toEqual([]);
  });

  for (const row of rows) {
    describe(`${row.method} ${row.template}`, () => {
      for (const caller of CALLERS) {
        const status = row.expect[caller];
        it(`${caller} → ${status}`, async () => {
          const { path, body } = await row.build(caller);
          const before = status >= 400 ? await dbFingerprint(database.url) : "";
          const headers = headersFor(caller, row.method);
          const response = await fetch(server.baseUrl + path, {
            method: row.method,
            redirect: "manual",
            headers: body === undefined ? headers : { ...headers, "content-type": "application/json" },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
          const text = await response.text();
          expect(response.status, text).toBe(status);
          if (status >= 400) {
            expect(JSON.parse(text)).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
            expect(await dbFingerprint(database.url)).toBe(before);
          }
        });
      }
    });
  }
});
