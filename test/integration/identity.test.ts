import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOGIN_THROTTLE } from "@/lib/auth/sign-in";
import { getDb } from "@/lib/db/client";
import { startApiServer, type ApiServer } from "../helpers/api-server";
import { createTeamWithService, createTokenFor, createUserWith, FIXTURE_PASSWORD } from "../helpers/identity-fixture";

let server: ApiServer;
beforeAll(async () => {
  server = await startApiServer();
});
afterAll(() => server.close());

/** Signs in through next-auth's real credentials flow (CSRF token, form post, session cookie). */
async function signIn(email: string, password: string, ip = "203.0.113.7") {
  const csrf = await fetch(`${server.baseUrl}/api/auth/csrf`);
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const response = await fetch(`${server.baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie, "x-forwarded-for": ip },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = response.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  const body = (await response.json()) as { url: string };
  return { cookie: session?.split(";")[0], error: new URL(body.url).searchParams.get("error") };
}

const me = (headers: Record<string, string>) => fetch(`${server.baseUrl}/api/v1/me`, { headers });

describe("sign-in", () => {
  it("signs in with email and password and records the sign-in in the audit trail", async () => {
    const user = await createUserWith(getDb(), "signin", [{ role: "viewer" }]);
    const { cookie, error } = await signIn(user.email.toUpperCase(), FIXTURE_PASSWORD);
    expect(error).toBeNull();
    expect(cookie).toBeDefined();
    const response = await me({ cookie: cookie! });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ email: user.email, roles: [{ role: "viewer", scope: "global" }] });
    const audit = await getDb().auditEvent.findFirst({ where: { actorUserId: user.id, action: "auth.sign_in" } });
    expect(audit).not.toBeNull();
  });

  it("answers a wrong password and an unknown email the same way, and audits the failure", async () => {
    const user = await createUserWith(getDb(), "wrongpw", [{ role: "viewer" }]);
    const wrong = await signIn(user.email, "not-the-password", "198.51.100.1");
    const unknown = await signIn(`nobody-${user.id}@fixture.test`, "whatever-password", "198.51.100.1");
    expect(wrong).toEqual({ cookie: undefined, error: "Incorrect email or password." });
    expect(unknown).toEqual(wrong);
    expect(await getDb().auditEvent.count({ where: { targetId: user.id, action: "auth.sign_in_failed" } })).toBe(1);
  });

  it("throttles an account after repeated failures and says so, even for the right password", async () => {
    const user = await createUserWith(getDb(), "throttle", [{ role: "viewer" }]);
    for (let i = 0; i < LOGIN_THROTTLE.maxFailuresPerAccount; i++) {
      // Different addresses: the account limit applies regardless of where attempts come from.
      expect((await signIn(user.email, "wrong-password", `192.0.2.${i + 10}`)).error).toBe("Incorrect email or password.");
    }
    const blocked = await signIn(user.email, FIXTURE_PASSWORD, "192.0.2.99");
    expect(blocked.cookie).toBeUndefined();
    expect(blocked.error).toMatch(/^Too many failed sign-in attempts\. Try again in \d+ minutes?\.$/);
  });

  it("throttles an address that tries many accounts", async () => {
    const ip = "192.0.2.200";
    for (let i = 0; i < LOGIN_THROTTLE.maxFailuresPerIp; i++) await signIn(`spray-${i}-${Date.now()}@fixture.test`, "guess-guess-guess", ip);
    const user = await createUserWith(getDb(), "victim", [{ role: "viewer" }]);
    expect((await signIn(user.email, FIXTURE_PASSWORD, ip)).error).toMatch(/Too many failed sign-in attempts/);
    expect((await signIn(user.email, FIXTURE_PASSWORD, "192.0.2.201")).error).toBeNull();
  });

  it("refuses a disabled user's password", async () => {
    const user = await createUserWith(getDb(), "disabled", [{ role: "viewer" }], { disabled: true });
    expect(await signIn(user.email, FIXTURE_PASSWORD, "192.0.2.150")).toEqual({ cookie: undefined, error: "Incorrect email or password." });
  });

  it("answers an email with a NUL like any wrong email (it showed Prisma's error, with file paths, on the login page)", async () => {
    const user = await createUserWith(getDb(), "nul", [{ role: "viewer" }]);
    expect(await signIn(`${user.email}\u0000`, FIXTURE_PASSWORD, "192.0.2.151")).toEqual({ cookie: undefined, error: "Incorrect email or password." });
  });
});

describe("access is re-checked against the database on every request", () => {
  it("disabling a user ends their session and their tokens on the next request", async () => {
    const db = getDb();
    const user = await createUserWith(db, "to-disable", [{ role: "viewer" }]);
    const { token } = await createTokenFor(db, user.id, ["service:read"]);
    expect((await me({ cookie: user.cookie })).status).toBe(200);
    expect((await me({ authorization: `Bearer ${token}` })).status).toBe(200);
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect((await me({ cookie: user.cookie })).status).toBe(401);
    const tokenResponse = await me({ authorization: `Bearer ${token}` });
    expect(tokenResponse.status).toBe(401);
    expect(await tokenResponse.json()).toMatchObject({ error: { code: "unauthenticated" } });
  });

  it("removing a role binding takes effect on the next request, for the session and the token", async () => {
    const db = getDb();
    const admin = await createUserWith(db, "demoted", [{ role: "admin" }]);
    const { token } = await createTokenFor(db, admin.id, ["user:manage", "service:read"]);
    const users = (headers: Record<string, string>) => fetch(`${server.baseUrl}/api/v1/users`, { headers });
    expect((await users({ cookie: admin.cookie })).status).toBe(200);
    expect((await users({ authorization: `Bearer ${token}` })).status).toBe(200);
    await db.roleBinding.deleteMany({ where: { userId: admin.id } });
    await db.roleBinding.create({ data: { role: "viewer", userId: admin.id } });
    const denied = await users({ cookie: admin.cookie });
    expect(denied.status).toBe(403);
    expect(await denied.json()).toMatchObject({ error: { code: "forbidden", details: { missingPermission: "user:manage" } } });
    expect((await users({ authorization: `Bearer ${token}` })).status).toBe(403);
  });

  it("team membership grants the team's bindings", async () => {
    const db = getDb();
    const { team } = await createTeamWithService(db, "via-team");
    await db.roleBinding.create({ data: { role: "admin", teamId: team.id } });
    const member = await createUserWith(db, "member", []);
    expect((await fetch(`${server.baseUrl}/api/v1/users`, { headers: { cookie: member.cookie } })).status).toBe(403);
    await db.teamMembership.create({ data: { teamId: team.id, userId: member.id } });
    expect((await fetch(`${server.baseUrl}/api/v1/users`, { headers: { cookie: member.cookie } })).status).toBe(200);
  });
});

describe("API tokens", () => {
  it("are shown once, stored hashed, and work until revoked", async () => {
    const db = getDb();
    const user = await createUserWith(db, "tokens", [{ role: "deployer" }]);
    const created = await fetch(`${server.baseUrl}/api/v1/tokens`, {
      method: "POST",
      headers: { cookie: user.cookie, origin: server.baseUrl, "content-type": "application/json" },
      body: JSON.stringify({ name: "ci", scopes: ["artifact:register"], expiresInDays: 30 }),
    });
    expect(created.status).toBe(201);
    const { token, apiToken } = (await created.json()) as { token: string; apiToken: { id: string; prefix: string } };
    expect(token).toMatch(/^gty_/);
    expect(token.startsWith(apiToken.prefix)).toBe(true);
    const stored = await db.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } });
    expect(stored.tokenHash).not.toContain(token.slice(4));
    expect(JSON.stringify(await (await fetch(`${server.baseUrl}/api/v1/tokens`, { headers: { cookie: user.cookie } })).json())).not.toContain(token);

    expect((await me({ authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: apiToken.id } })).lastUsedAt).not.toBeNull();
    const revoke = () =>
      fetch(`${server.baseUrl}/api/v1/tokens/${apiToken.id}`, { method: "DELETE", headers: { cookie: user.cookie, origin: server.baseUrl } });
    expect((await revoke()).status).toBe(200);
    expect((await revoke()).status).toBe(200); // idempotent
    expect(await db.auditEvent.count({ where: { targetId: apiToken.id, action: "token.revoke" } })).toBe(1);
    expect((await me({ authorization: `Bearer ${token}` })).status).toBe(401);
  });

  it("cannot be created with permissions the user does not hold", async () => {
    const user = await createUserWith(getDb(), "greedy", [{ role: "viewer" }]);
    const response = await fetch(`${server.baseUrl}/api/v1/tokens`, {
      method: "POST",
      headers: { cookie: user.cookie, origin: server.baseUrl, "content-type": "application/json" },
      body: JSON.stringify({ name: "x", scopes: ["service:read", "environment:rollback"] }),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { details: { missingPermissions: ["environment:rollback"] } } });
    expect(await getDb().apiToken.count({ where: { userId: user.id } })).toBe(0);
  });

  it("stop working when expired, and a malformed bearer is a 401 in the error shape", async () => {
    const user = await createUserWith(getDb(), "expired", [{ role: "viewer" }]);
    const { token } = await createTokenFor(getDb(), user.id, ["service:read"], { expiresAt: new Date(Date.now() - 1000) });
    expect((await me({ authorization: `Bearer ${token}` })).status).toBe(401);
    const malformed = await me({ authorization: "Bearer not-a-token" });
    expect(malformed.status).toBe(401);
    expect(await malformed.json()).toMatchObject({ error: { code: "unauthenticated", message: expect.stringContaining("Bearer") } });
  });
});

describe("same-origin protection for session mutations", () => {
  for (const [label, headers] of [
    ["a foreign Origin", { origin: "https://evil.example" }],
    ["no Origin at all", {}],
  ] as const) {
    it(`refuses a cookie-authenticated mutation with ${label}, changing nothing`, async () => {
      const user = await createUserWith(getDb(), "csrf", [{ role: "viewer" }]);
      const response = await fetch(`${server.baseUrl}/api/v1/tokens`, {
        method: "POST",
        headers: { cookie: user.cookie, "content-type": "application/json", ...headers },
        body: JSON.stringify({ name: "x", scopes: ["service:read"] }),
      });
      expect(response.status).toBe(403);
      expect(await getDb().apiToken.count({ where: { userId: user.id } })).toBe(0);
    });
  }
});

describe("audit log API", () => {
  it("records mutations with actor, request id and IP, filters, and pages with a cursor", async () => {
    const db = getDb();
    const admin = await createUserWith(db, "auditor", [{ role: "admin" }]);
    const post = (email: string) =>
      fetch(`${server.baseUrl}/api/v1/users`, {
        method: "POST",
        headers: { cookie: admin.cookie, origin: server.baseUrl, "content-type": "application/json", "x-request-id": `req-${email}`, "x-forwarded-for": "203.0.113.50" },
        body: JSON.stringify({ email, name: "Audited", password: "long-enough-password" }),
      });
    for (const i of [1, 2, 3]) expect((await post(`audited-${i}-${admin.id}@fixture.test`)).status).toBe(201);
    const page1 = await (
      await fetch(`${server.baseUrl}/api/v1/audit?actor=${encodeURIComponent(admin.email)}&action=user.create&limit=2`, { headers: { cookie: admin.cookie } })
    ).json();
    expect(page1.events).toHaveLength(2);
    expect(page1.events[0]).toMatchObject({ actorUserId: admin.id, action: "user.create", ip: "203.0.113.50", requestId: `req-audited-3-${admin.id}@fixture.test` });
    expect(page1.nextCursor).toEqual(expect.any(String));
    const page2 = await (
      await fetch(`${server.baseUrl}/api/v1/audit?actor=${encodeURIComponent(admin.email)}&action=user.create&limit=2&cursor=${page1.nextCursor}`, { headers: { cookie: admin.cookie } })
    ).json();
    expect(page2.events).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    const csv = await fetch(`${server.baseUrl}/api/v1/audit?actor=${encodeURIComponent(admin.email)}&action=user.create&format=csv`, { headers: { cookie: admin.cookie } });
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toMatch(/^id,occurredAt,actorLabel,action/);
    expect(lines).toHaveLength(4);
  });

  it("shows a scoped user only the events of services they can see", async () => {
    const db = getDb();
    const mine = await createTeamWithService(db, "seen");
    const theirs = await createTeamWithService(db, "unseen");
    for (const svc of [mine.service, theirs.service]) {
      await db.auditEvent.create({ data: { actorLabel: "fixture", action: "fixture.event", targetType: "Service", targetId: svc.id, serviceId: svc.id } });
    }
    const viewer = await createUserWith(db, "scoped-viewer", [{ role: "viewer", scopeServiceId: mine.service.id }]);
    const body = await (await fetch(`${server.baseUrl}/api/v1/audit?action=fixture.event&limit=1000`, { headers: { cookie: viewer.cookie } })).json();
    const serviceIds = new Set(body.events.map((e: { serviceId: string }) => e.serviceId));
    expect(serviceIds.has(mine.service.id)).toBe(true);
    expect(serviceIds.has(theirs.service.id)).toBe(false);
  });
});
