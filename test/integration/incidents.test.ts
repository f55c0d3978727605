import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { startApiServer, type ApiServer } from "../helpers/api-server";
import { createArtifact, createTeamWithService, createTokenFor, createUserWith } from "../helpers/identity-fixture";

/** Incidents over HTTP: the JSON API, the Alertmanager receiver, linking and editing. */

let server: ApiServer;
let f: Awaited<ReturnType<typeof setup>>;

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const ago = (ms: number) => new Date(Date.now() - ms);

async function setup() {
  const db = getDb();
  const a = await createTeamWithService(db, "inc");
  const b = await createTeamWithService(db, "other");
  const staging = await db.environment.create({
    data: { serviceId: a.service.id, name: "staging", position: 2, isProduction: false, namespace: `inc-${a.service.slug}-staging`, workloadName: "inc", containerName: "app" },
  });
  const operator = await createUserWith(db, "operator", [{ role: "operator", scopeTeamId: a.team.id }]);
  const viewer = await createUserWith(db, "viewer", [{ role: "viewer", scopeTeamId: a.team.id }]);
  const deployer = await createUserWith(db, "deployer", [{ role: "deployer", scopeTeamId: a.team.id }]);
  const alertmanager = (await createTokenFor(db, operator.id, ["incident:manage"])).token;
  const readOnly = (await createTokenFor(db, operator.id, ["service:read"])).token;
  return { ...a, staging, other: b, operator, viewer, deployer, alertmanager, readOnly };
}

type Caller = { cookie: string } | string;
async function call(caller: Caller, method: string, path: string, body?: unknown) {
  const auth: Record<string, string> = typeof caller === "string" ? { authorization: `Bearer ${caller}` } : { cookie: caller.cookie, origin: server.baseUrl };
  const response = await fetch(server.baseUrl + path, {
    method,
    headers: { ...auth, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

/** Prod history of service a: good (3h ago), then a failed rollout (2h ago), then nothing. */
async function prodHistory(env: { id: string; serviceId: string; isProduction: boolean }) {
  const db = getDb();
  const good = await createArtifact(db, env.serviceId);
  const broken = await createArtifact(db, env.serviceId);
  const live = await db.deployment.create({
    data: { environmentId: env.id, serviceId: env.serviceId, isProduction: env.isProduction, artifactId: good.id, outcome: "Succeeded", startedAt: ago(3 * HOUR), finishedAt: ago(3 * HOUR - 5 * MINUTE) },
  });
  const failed = await db.deployment.create({
    data: { environmentId: env.id, serviceId: env.serviceId, isProduction: env.isProduction, artifactId: broken.id, outcome: "Failed", startedAt: ago(2 * HOUR), finishedAt: ago(2 * HOUR - 10 * MINUTE) },
  });
  return { live, failed };
}

let history: Awaited<ReturnType<typeof prodHistory>>;

beforeAll(async () => {
  server = await startApiServer();
  f = await setup();
  history = await prodHistory(f.prod);
});

afterAll(async () => {
  await server?.close();
});

/** Incidents of this file's services (other test files share the database). */
const countIncidents = () => getDb().incident.count({ where: { serviceId: { in: [f.service.id, f.other.service.id] } } });

let fingerprintCounter = 0;
const fingerprint = () => `fp${Date.now().toString(16)}${(fingerprintCounter++).toString(16)}`;

function alert({ labels, ...overrides }: Record<string, unknown> & { labels?: Record<string, string> }) {
  return {
    status: "firing",
    labels: { alertname: "HighErrorRate", severity: "critical", service: f.service.slug, ...labels } as Record<string, string>,
    annotations: { summary: "5xx ratio above 5 %" },
    startsAt: ago(30 * MINUTE).toISOString(),
    endsAt: "0001-01-01T00:00:00Z",
    generatorURL: "http://prometheus.example/graph",
    fingerprint: fingerprint(),
    ...overrides,
  };
}

const webhook = (caller: Caller, ...alerts: ReturnType<typeof alert>[]) => call(caller, "POST", "/api/v1/webhooks/alertmanager", { version: "4", status: "firing", receiver: "gantry", alerts });

describe("POST /api/v1/incidents", () => {
  it("opens an incident in the service's production environment, linked to the deployment live then", async () => {
    const openedAt = ago(90 * MINUTE);
    const { status, body } = await call(f.alertmanager, "POST", "/api/v1/incidents", { service: f.service.slug, title: "Checkout errors", severity: "Major", openedAt: openedAt.toISOString() });
    expect(status).toBe(201);
    expect(body.incident).toMatchObject({
      title: "Checkout errors",
      severity: "major",
      source: "api",
      openedAt: openedAt.toISOString(),
      resolvedAt: null,
      environment: { id: f.prod.id, name: "prod", isProduction: true },
      // The failed rollout ended before the incident opened: the earlier release was live.
      deployment: { id: history.live.id, outcome: "Succeeded" },
    });
    const audit = await getDb().auditEvent.findFirstOrThrow({ where: { targetId: body.incident.id } });
    expect(audit).toMatchObject({ action: "incident.open", actorTokenId: expect.any(String), serviceId: f.service.id, environmentId: f.prod.id });
  });

  it("links a failed rollout while it was failing, and nothing in an environment without deployments", async () => {
    const during = await call(f.alertmanager, "POST", "/api/v1/incidents", { service: f.service.slug, title: "During rollout", openedAt: ago(2 * HOUR - 5 * MINUTE).toISOString() });
    expect(during.body.incident.deployment).toMatchObject({ id: history.failed.id });
    const staging = await call(f.alertmanager, "POST", "/api/v1/incidents", { service: f.service.slug, environment: "staging", title: "Staging down" });
    expect(staging.status).toBe(201);
    expect(staging.body.incident).toMatchObject({ environment: { name: "staging" }, deployment: null });
  });

  it("takes an explicit deployment, or none, instead of the live one", async () => {
    const none = await call(f.operator, "POST", "/api/v1/incidents", { service: f.service.slug, title: "Not a release", deploymentId: null });
    expect(none.body.incident).toMatchObject({ deployment: null, source: "manual" });
    const explicit = await call(f.operator, "POST", "/api/v1/incidents", { service: f.service.slug, title: "Caused by the failed one", deploymentId: history.failed.id });
    expect(explicit.body.incident.deployment.id).toBe(history.failed.id);
  });

  it("refuses a deployment of another environment or service, and impossible times", async () => {
    const otherDeployment = await getDb().deployment.create({
      data: { environmentId: f.other.prod.id, serviceId: f.other.service.id, isProduction: true, artifactId: (await createArtifact(getDb(), f.other.service.id)).id, outcome: "Succeeded", startedAt: ago(HOUR), finishedAt: ago(HOUR) },
    });
    const wrongService = await call(f.operator, "POST", "/api/v1/incidents", { service: f.service.slug, title: "x", deploymentId: otherDeployment.id });
    expect(wrongService.status).toBe(400);
    const wrongEnv = await call(f.operator, "POST", "/api/v1/incidents", { service: f.service.slug, environment: "staging", title: "x", deploymentId: history.live.id });
    expect(wrongEnv).toMatchObject({ status: 400, body: { error: { code: "validation_failed", message: expect.stringContaining("ran in prod, not in staging") } } });
    const backwards = await call(f.operator, "POST", "/api/v1/incidents", { service: f.service.slug, title: "x", openedAt: ago(HOUR).toISOString(), resolvedAt: ago(2 * HOUR).toISOString() });
    expect(backwards.status).toBe(400);
    const future = await call(f.operator, "POST", "/api/v1/incidents", { service: f.service.slug, title: "x", openedAt: new Date(Date.now() + HOUR).toISOString() });
    expect(future.status).toBe(400);
    const unknownEnv = await call(f.operator, "POST", "/api/v1/incidents", { service: f.service.slug, environment: "qa", title: "x" });
    expect(unknownEnv.status).toBe(404);
    const extra = await call(f.operator, "POST", "/api/v1/incidents", { service: f.service.slug, title: "x", color: "red" });
    expect(extra.status).toBe(400);
  });

  it("answers the open incident again for a repeated fingerprint", async () => {
    const key = fingerprint();
    const first = await call(f.alertmanager, "POST", "/api/v1/incidents", { service: f.service.slug, title: "Pager 1", fingerprint: key });
    const second = await call(f.alertmanager, "POST", "/api/v1/incidents", { service: f.service.slug, title: "Pager 1 again", fingerprint: key });
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body.incident.id).toBe(first.body.incident.id);
    expect(await getDb().incident.count({ where: { fingerprint: key } })).toBe(1);
  });

  it("needs incident:manage there, and hides other teams' services", async () => {
    expect((await call(f.viewer, "POST", "/api/v1/incidents", { service: f.service.slug, title: "x" })).status).toBe(403);
    expect((await call(f.deployer, "POST", "/api/v1/incidents", { service: f.service.slug, title: "x" })).status).toBe(403);
    expect((await call(f.readOnly, "POST", "/api/v1/incidents", { service: f.service.slug, title: "x" })).status).toBe(403);
    expect((await call(f.operator, "POST", "/api/v1/incidents", { service: f.other.service.slug, title: "x" })).status).toBe(404);
  });
});

describe("PATCH /api/v1/incidents/[id]", () => {
  it("links and unlinks the deployment, resolves and reopens, each audited", async () => {
    const openedAt = ago(HOUR);
    const created = await call(f.operator, "POST", "/api/v1/incidents", { service: f.service.slug, title: "To edit", deploymentId: null, openedAt: openedAt.toISOString() });
    const id = created.body.incident.id as string;
    const linked = await call(f.operator, "PATCH", `/api/v1/incidents/${id}`, { deploymentId: history.live.id });
    expect(linked.body.incident.deployment.id).toBe(history.live.id);
    const unlinked = await call(f.operator, "PATCH", `/api/v1/incidents/${id}`, { deploymentId: null });
    expect(unlinked.body.incident.deployment).toBeNull();
    const resolvedAt = new Date(openedAt.getTime() + 50 * MINUTE).toISOString();
    const resolved = await call(f.operator, "PATCH", `/api/v1/incidents/${id}`, { resolvedAt });
    expect(resolved.body.incident).toMatchObject({ resolvedAt, durationSeconds: 50 * 60 });
    const reopened = await call(f.operator, "PATCH", `/api/v1/incidents/${id}`, { resolvedAt: null });
    expect(reopened.body.incident.resolvedAt).toBeNull();
    const actions = (await getDb().auditEvent.findMany({ where: { targetId: id }, orderBy: { id: "asc" }, select: { action: true } })).map((a) => a.action);
    expect(actions).toEqual(["incident.open", "incident.link", "incident.unlink", "incident.resolve", "incident.reopen"]);
  });

  it("refuses a resolution before the start, an empty change, and callers who may not manage it", async () => {
    const created = await call(f.operator, "POST", "/api/v1/incidents", { service: f.service.slug, title: "Guarded", openedAt: ago(HOUR).toISOString() });
    const id = created.body.incident.id as string;
    expect((await call(f.operator, "PATCH", `/api/v1/incidents/${id}`, { resolvedAt: ago(2 * HOUR).toISOString() })).status).toBe(400);
    expect((await call(f.operator, "PATCH", `/api/v1/incidents/${id}`, {})).status).toBe(400);
    expect((await call(f.viewer, "PATCH", `/api/v1/incidents/${id}`, { title: "mine now" })).status).toBe(403);
    const outsider = await createUserWith(getDb(), "outsider", [{ role: "operator", scopeTeamId: f.other.team.id }]);
    expect((await call(outsider, "PATCH", `/api/v1/incidents/${id}`, { title: "mine now" })).status).toBe(404);
    expect((await call(outsider, "GET", `/api/v1/incidents/${id}`)).status).toBe(404);
    expect((await getDb().incident.findUniqueOrThrow({ where: { id } })).title).toBe("Guarded");
  });
});

describe("GET /api/v1/incidents", () => {
  it("lists the caller's services' incidents, newest first, with filters", async () => {
    const open = await call(f.operator, "POST", "/api/v1/incidents", { service: f.service.slug, title: "Listed open" });
    const { body } = await call(f.viewer, "GET", `/api/v1/incidents?service=${f.service.slug}&status=open`);
    expect(body.incidents[0].id).toBe(open.body.incident.id);
    expect(body.incidents.every((i: { resolvedAt: string | null; service: { slug: string } }) => i.resolvedAt === null && i.service.slug === f.service.slug)).toBe(true);
    const openedAts = body.incidents.map((i: { openedAt: string }) => i.openedAt);
    expect([...openedAts].sort().reverse()).toEqual(openedAts);
    const outsider = await createUserWith(getDb(), "outsider", [{ role: "viewer", scopeTeamId: f.other.team.id }]);
    const hidden = await call(outsider, "GET", `/api/v1/incidents?service=${f.service.slug}`);
    expect(hidden.body.incidents).toEqual([]);
  });

  it("offers the deployments around an incident to link, marking the live one", async () => {
    const created = await call(f.operator, "POST", "/api/v1/incidents", { service: f.service.slug, title: "Candidates", deploymentId: null, openedAt: ago(HOUR).toISOString() });
    const { status, body } = await call(f.viewer, "GET", `/api/v1/incidents/${created.body.incident.id}`);
    expect(status).toBe(200);
    expect(body.canManage).toBe(false);
    expect(body.candidates.map((c: { id: string; liveAtOpen: boolean }) => [c.id, c.liveAtOpen])).toEqual([
      [history.failed.id, false],
      [history.live.id, true],
    ]);
  });
});

describe("POST /api/v1/webhooks/alertmanager", () => {
  it("opens on firing, deduplicates repeats, updates on new text, closes on resolved", async () => {
    const firing = alert({});
    const opened = await webhook(f.alertmanager, firing);
    expect(opened.status).toBe(200);
    expect(opened.body.results).toEqual([{ fingerprint: firing.fingerprint, status: "firing", action: "opened", incidentId: expect.any(String) }]);
    const id = opened.body.results[0].incidentId as string;
    const row = await getDb().incident.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ title: "HighErrorRate: 5xx ratio above 5 %", severity: "critical", source: "alertmanager", environmentId: f.prod.id, deploymentId: history.live.id, resolvedAt: null });
    expect(row.openedAt.toISOString()).toBe(firing.startsAt);

    expect((await webhook(f.alertmanager, firing)).body.results[0]).toMatchObject({ action: "unchanged", incidentId: id });
    const louder = { ...firing, annotations: { summary: "5xx ratio above 20 %" } };
    expect((await webhook(f.alertmanager, louder)).body.results[0]).toMatchObject({ action: "updated", incidentId: id });

    const endsAt = ago(5 * MINUTE).toISOString();
    const resolved = await webhook(f.alertmanager, { ...louder, status: "resolved", endsAt });
    expect(resolved.body.results[0]).toMatchObject({ action: "resolved", incidentId: id });
    expect((await getDb().incident.findUniqueOrThrow({ where: { id } })).resolvedAt?.toISOString()).toBe(endsAt);
    // Alertmanager repeats resolved notifications: nothing changes.
    expect((await webhook(f.alertmanager, { ...louder, status: "resolved", endsAt })).body.results[0]).toMatchObject({ action: "unchanged", incidentId: id });
    // A late copy of the firing notification of the same episode does not reopen it.
    expect((await webhook(f.alertmanager, firing)).body.results[0]).toMatchObject({ action: "unchanged", incidentId: id });

    // The same alert firing again later is a new outage.
    const again = await webhook(f.alertmanager, { ...firing, startsAt: ago(2 * MINUTE).toISOString() });
    expect(again.body.results[0].action).toBe("opened");
    expect(again.body.results[0].incidentId).not.toBe(id);
    expect(await getDb().incident.count({ where: { fingerprint: firing.fingerprint } })).toBe(2);
  });

  it("records an alert first heard of when resolved, and reads Alertmanager's nanosecond times", async () => {
    const recorded = await webhook(f.alertmanager, alert({ status: "resolved", startsAt: "2026-01-02T10:00:00.123456789Z", endsAt: "2026-01-02T10:30:00.5Z" }));
    expect(recorded.body.results[0].action).toBe("recorded");
    const row = await getDb().incident.findUniqueOrThrow({ where: { id: recorded.body.results[0].incidentId } });
    expect([row.openedAt.toISOString(), row.resolvedAt?.toISOString()]).toEqual(["2026-01-02T10:00:00.123Z", "2026-01-02T10:30:00.500Z"]);
  });

  it("maps environment and namespace labels, and ignores alerts it cannot place", async () => {
    const byLabel = await webhook(f.alertmanager, alert({ labels: { environment: "staging" } }));
    expect((await getDb().incident.findUniqueOrThrow({ where: { id: byLabel.body.results[0].incidentId } })).environmentId).toBe(f.staging.id);
    const byNamespace = await webhook(f.alertmanager, alert({ labels: { namespace: f.staging.namespace } }));
    expect((await getDb().incident.findUniqueOrThrow({ where: { id: byNamespace.body.results[0].incidentId } })).environmentId).toBe(f.staging.id);

    const before = await countIncidents();
    const { status, body } = await webhook(
      f.alertmanager,
      alert({ labels: { service: "no-such-service" } }),
      alert({ labels: { service: f.other.service.slug } }),
      alert({ labels: { environment: "qa" } }),
      { ...alert({}), labels: { alertname: "NodeDown" } },
    );
    expect(status).toBe(200);
    expect(body.results.map((r: { action: string; reason: string }) => [r.action, r.reason])).toEqual([
      ["ignored", 'unknown service "no-such-service"'],
      ["ignored", `unknown service "${f.other.service.slug}"`],
      ["ignored", `${f.service.slug} has no environment "qa"`],
      ["ignored", "no gantry_service / service / app label"],
    ]);
    expect(await countIncidents()).toBe(before);
  });

  it("opens one incident when the same alert arrives twice at once", async () => {
    const firing = alert({});
    const answers = await Promise.all([webhook(f.alertmanager, firing), webhook(f.alertmanager, firing), webhook(f.alertmanager, firing)]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.body.results[0].action).sort()).toEqual(["opened", "unchanged", "unchanged"]);
    expect(await getDb().incident.count({ where: { fingerprint: firing.fingerprint } })).toBe(1);
  });

  it("needs a token (or session) with incident:manage, and a well-formed payload", async () => {
    const before = await countIncidents();
    const anonymous = await fetch(`${server.baseUrl}/api/v1/webhooks/alertmanager`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ alerts: [alert({})] }) });
    expect(anonymous.status).toBe(401);
    expect((await webhook(f.readOnly, alert({}))).status).toBe(403);
    expect((await webhook(f.viewer, alert({}))).status).toBe(403);
    expect((await call(f.alertmanager, "POST", "/api/v1/webhooks/alertmanager", { alerts: [{ status: "firing" }] })).status).toBe(400);
    expect((await call(f.alertmanager, "POST", "/api/v1/webhooks/alertmanager", { alerts: [{ ...alert({}), startsAt: "yesterday" }] })).status).toBe(400);
    expect(await countIncidents()).toBe(before);
  });
});
