import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import type { DoraReport } from "@/lib/domain/dora/get-dora-report";
import { startApiServer, type ApiServer } from "../helpers/api-server";
import { createTeamWithService, createTokenFor, createUserWith, randomDigest } from "../helpers/identity-fixture";

/**
 * A known two weeks of production history, built over the API (artifacts with their commits,
 * incidents through the JSON API and the Alertmanager receiver) plus deployment rows as the
 * promotion engine writes them, and the exact four numbers `GET /api/v1/dora` must answer.
 */

let server: ApiServer;
let f: Awaited<ReturnType<typeof setup>>;

const t = (iso: string) => new Date(`${iso}Z`);
const PERIOD = "from=2026-01-05&to=2026-01-18";

async function setup() {
  const db = getDb();
  const { team, service, dev, prod } = await createTeamWithService(db, "dora");
  const other = await createTeamWithService(db, "elsewhere");
  const admin = await createUserWith(db, "admin", [{ role: "admin" }]);
  const lead = await createUserWith(db, "lead", [{ role: "viewer", scopeTeamId: team.id }]);
  const outsider = await createUserWith(db, "outsider", [{ role: "viewer", scopeTeamId: other.team.id }]);
  const ci = (await createTokenFor(db, admin.id, [...ACTIONS])).token;
  return { team, service, dev, prod, lead, outsider, ci };
}

type Caller = { cookie: string } | string;
async function call(caller: Caller, method: string, path: string, body?: unknown) {
  const auth: Record<string, string> = typeof caller === "string" ? { authorization: `Bearer ${caller}` } : { cookie: caller.cookie, origin: server.baseUrl };
  const response = await fetch(server.baseUrl + path, {
    method,
    headers: { ...auth, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, text, body: (response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : null) as Record<string, never> };
}

let shaCounter = 0;
const sha = () => (++shaCounter).toString(16).padStart(8, "0").padEnd(40, "c");

async function register(version: string, commits: { sha: string; time: string }[]) {
  const response = await call(f.ci, "POST", "/api/v1/artifacts", {
    service: f.service.slug,
    version,
    gitSha: commits.at(-1)!.sha,
    commitTime: t(commits.at(-1)!.time).toISOString(),
    image: `registry.example.com/dora@${randomDigest()}`,
    commits: commits.map((c) => ({ sha: c.sha, message: `change ${c.sha.slice(0, 8)}`, author: { name: "Dev", email: "dev@example.com" }, time: t(c.time).toISOString() })),
  });
  expect(response.status).toBe(201);
  return (response.body as unknown as { artifact: { id: string } }).artifact.id;
}

/** A deployment row as the promotion engine records it. */
async function deployed(artifactId: string, startedAt: string, finishedAt: string, outcome: "Succeeded" | "Failed" | "RolledBack" = "Succeeded", env = f.prod, isRollback = false) {
  return getDb().deployment.create({
    data: { environmentId: env.id, serviceId: env.serviceId, isProduction: env.isProduction, artifactId, outcome, isRollback, startedAt: t(startedAt), finishedAt: t(finishedAt) },
  });
}

beforeAll(async () => {
  server = await startApiServer();
  f = await setup();

  // The previous period: one good release.
  const c0 = sha();
  await deployed(await register("0.9.0", [{ sha: c0, time: "2025-12-28T10:00:00" }]), "2025-12-29T10:00:00", "2025-12-29T10:10:00");

  // Week 1.
  const a1 = await register("1.0.0", [
    { sha: sha(), time: "2026-01-05T08:00:00" },
    { sha: sha(), time: "2026-01-05T09:00:00" },
  ]);
  await deployed(a1, "2026-01-05T10:00:00", "2026-01-05T10:10:00");
  await deployed(a1, "2026-01-05T09:30:00", "2026-01-05T09:35:00", "Succeeded", f.dev); // dev does not count
  const a2 = await register("1.1.0", [{ sha: sha(), time: "2026-01-06T06:00:00" }]);
  await deployed(a2, "2026-01-06T12:00:00", "2026-01-06T12:10:00");
  // Reported by a person an hour later: linked to 1.1.0, the release live then.
  const pager = await call(f.ci, "POST", "/api/v1/incidents", { service: f.service.slug, title: "Checkout 500s", severity: "major", openedAt: t("2026-01-06T13:00:00").toISOString(), resolvedAt: t("2026-01-06T14:00:00").toISOString() });
  expect(pager.status).toBe(201);
  const c4 = sha();
  const a3 = await register("1.2.0", [{ sha: c4, time: "2026-01-07T09:00:00" }]);
  await deployed(a3, "2026-01-07T10:00:00", "2026-01-07T10:10:00", "Failed");
  // The fix ships the same commit again, with one more.
  const a4 = await register("1.2.1", [
    { sha: c4, time: "2026-01-07T09:00:00" },
    { sha: sha(), time: "2026-01-08T08:00:00" },
  ]);
  const fix = await deployed(a4, "2026-01-08T10:00:00", "2026-01-08T10:10:00");

  // Week 2: a release that Alertmanager catches and that is rolled back to 1.2.1.
  const a5 = await register("1.3.0", [{ sha: sha(), time: "2026-01-12T09:00:00" }]);
  await deployed(a5, "2026-01-12T10:00:00", "2026-01-12T10:10:00", "RolledBack");
  await deployed(fix.artifactId, "2026-01-12T11:00:00", "2026-01-12T11:05:00", "Succeeded", f.prod, true);
  const alert = { labels: { alertname: "HighErrorRate", service: f.service.slug, environment: "prod" }, annotations: { summary: "5xx above 5 %" }, fingerprint: `dora-${f.service.id.slice(0, 8)}` };
  expect((await call(f.ci, "POST", "/api/v1/webhooks/alertmanager", { alerts: [{ ...alert, status: "firing", startsAt: "2026-01-12T10:30:00Z", endsAt: "0001-01-01T00:00:00Z" }] })).status).toBe(200);
  expect((await call(f.ci, "POST", "/api/v1/webhooks/alertmanager", { alerts: [{ ...alert, status: "resolved", startsAt: "2026-01-12T10:30:00Z", endsAt: "2026-01-12T11:10:00Z" }] })).status).toBe(200);
  const a6 = await register("1.4.0", [{ sha: sha(), time: "2026-01-14T09:00:00" }]);
  await deployed(a6, "2026-01-14T10:00:00", "2026-01-14T10:10:00");
  // An upstream outage, not caused by a release.
  const upstream = await call(f.ci, "POST", "/api/v1/incidents", { service: f.service.slug, title: "Card network down", deploymentId: null, openedAt: t("2026-01-15T09:00:00").toISOString(), resolvedAt: t("2026-01-15T09:30:00").toISOString() });
  expect(upstream.status).toBe(201);
});

afterAll(async () => {
  await server?.close();
});

const MIN = 60;
const HOUR = 60 * MIN;

describe("GET /api/v1/dora", () => {
  it("answers exactly the four numbers of the known history, with levels", async () => {
    const { status, body } = await call(f.lead, "GET", `/api/v1/dora?service=${f.service.slug}&${PERIOD}`);
    expect(status).toBe(200);
    const report = body as unknown as DoraReport;
    expect(report.period).toMatchObject({ from: "2026-01-05", to: "2026-01-18", start: "2026-01-05T00:00:00.000Z", end: "2026-01-19T00:00:00.000Z", days: 14 });
    expect(report.scope).toMatchObject({ service: { slug: f.service.slug }, environment: "production", services: 1 });

    // 1.0.0, 1.1.0, 1.2.1, 1.4.0 and 1.3.0 (live until rolled back) on five days; 1.2.0 failed.
    expect(report.current.deploymentFrequency).toMatchObject({ deployments: 5, deployDays: 5, deploymentsPerWeek: 2.5, deployDaysPerWeek: 2.5, level: "high" });
    // Seven commits: 1h10m ×3, 2h10m ×2, 6h10m, and the commit shipped twice 25h10m (at 1.2.1).
    expect(report.current.leadTime).toMatchObject({ commits: 7, excluded: 0, medianSeconds: 2 * HOUR + 10 * MIN, level: "elite" });
    // p90: 6h10m + 0.4 × (25h10m − 6h10m), computed in floating point by Postgres.
    expect(report.current.leadTime.p90Seconds).toBeCloseTo(49_560, 6);
    // 1.1.0 (incident), 1.2.0 (failed rollout), 1.3.0 (rolled back, alert) of six changes.
    expect(report.current.changeFailureRate).toEqual({ changes: 6, failedChanges: 3, rate: 0.5, level: "low" });
    // Incidents 1h, 40m and 30m; the failed rollout 24h10m until 1.2.1: median 50 minutes.
    expect(report.current.timeToRestore).toEqual({ failures: 4, restored: 4, unresolved: 0, medianSeconds: 50 * MIN, level: "elite" });
    expect(report.current.overall).toBe("high");

    expect(report.previous.deploymentFrequency).toMatchObject({ deployments: 1, deploymentsPerWeek: 0.5 });
    expect(report.previous.changeFailureRate).toMatchObject({ changes: 1, failedChanges: 0, rate: 0 });
    expect(report.changes.deploymentFrequency).toMatchObject({ current: 2.5, previous: 0.5, trend: "better" });
    expect(report.changes.changeFailureRate).toMatchObject({ current: 0.5, previous: 0, delta: 0.5, trend: "worse" });
    expect(report.changes.timeToRestore).toMatchObject({ previous: null, trend: null });

    expect(report.weekly.map((w) => [w.weekStart.slice(0, 10), w.deployments, w.changes, w.failedChanges, w.failures])).toEqual([
      ["2026-01-05", 3, 4, 2, 2],
      ["2026-01-12", 2, 2, 1, 2],
    ]);
    expect(report.thresholds.map((r) => r.metric)).toEqual(["deploymentFrequency", "leadTime", "changeFailureRate", "timeToRestore"]);
  });

  it("gives the same numbers for the team and for the staging environment nothing", async () => {
    const team = await call(f.lead, "GET", `/api/v1/dora?team=${f.team.slug}&${PERIOD}`);
    expect((team.body as unknown as DoraReport).current.changeFailureRate.failedChanges).toBe(3);
    const dev = await call(f.lead, "GET", `/api/v1/dora?service=${f.service.slug}&environment=dev&${PERIOD}`);
    expect((dev.body as unknown as DoraReport).current.deploymentFrequency).toMatchObject({ deployments: 1, level: "medium" });
    expect((dev.body as unknown as DoraReport).current.changeFailureRate.rate).toBe(0);
  });

  it("lists the deployments, commits and failures behind the numbers", async () => {
    const deployments = await call(f.lead, "GET", `/api/v1/dora/deployments?service=${f.service.slug}&${PERIOD}`);
    expect(deployments.body).toMatchObject({ kind: "deployments", total: 7 });
    const rows = deployments.body.rows as unknown as { version: string; isRollback: boolean; successful: boolean; failedChange: boolean; incidents: { title: string }[] }[];
    expect(rows.map((r) => [r.version, r.isRollback, r.successful, r.failedChange])).toEqual([
      ["1.4.0", false, true, false],
      ["1.2.1", true, true, false],
      ["1.3.0", false, true, true],
      ["1.2.1", false, true, false],
      ["1.2.0", false, false, true],
      ["1.1.0", false, true, true],
      ["1.0.0", false, true, false],
    ]);
    expect(rows.find((r) => r.version === "1.1.0")!.incidents.map((i) => i.title)).toEqual(["Checkout 500s"]);

    const commits = await call(f.lead, "GET", `/api/v1/dora/commits?service=${f.service.slug}&${PERIOD}`);
    expect(commits.body.total).toBe(7);
    const shipped = (commits.body.rows as unknown as { version: string; leadTimeSeconds: number }[]).filter((c) => c.leadTimeSeconds === 25 * HOUR + 10 * MIN);
    expect(shipped.map((c) => c.version)).toEqual(["1.2.1"]);

    const failures = await call(f.lead, "GET", `/api/v1/dora/failures?service=${f.service.slug}&${PERIOD}`);
    expect(failures.body.total).toBe(4);
    expect((failures.body.rows as unknown as { kind: string; title: string; restoreSeconds: number; restoredBy: { version: string } | null }[]).map((r) => [r.kind, r.title, r.restoreSeconds, r.restoredBy?.version ?? null])).toEqual([
      ["incident", "Card network down", 30 * MIN, null],
      ["incident", "HighErrorRate: 5xx above 5 %", 40 * MIN, null],
      ["deployment", "Deployment of 1.2.0 failed", 24 * HOUR + 10 * MIN, "1.2.1"],
      ["incident", "Checkout 500s", HOUR, null],
    ]);
  });

  it("exports CSV", async () => {
    const summary = await call(f.lead, "GET", `/api/v1/dora?service=${f.service.slug}&${PERIOD}&format=csv`);
    expect(summary.headers.get("content-type")).toContain("text/csv");
    const lines = summary.text.trim().split("\r\n");
    expect(lines[0]).toMatch(/^row,start,days,deployments,/);
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 8).join(","))).toEqual([
      "period,2026-01-05T00:00:00.000Z,14,5,5,6,3,0.5",
      "week,2026-01-05T00:00:00.000Z,7,3,3,4,2,0.5",
      "week,2026-01-12T00:00:00.000Z,7,2,2,2,1,0.5",
    ]);
    const commits = await call(f.lead, "GET", `/api/v1/dora/commits?service=${f.service.slug}&${PERIOD}&format=csv`);
    expect(commits.headers.get("x-total-count")).toBe("7");
    expect(commits.text.trim().split("\r\n")).toHaveLength(8);
  });

  it("only measures services the caller can see", async () => {
    expect((await call(f.outsider, "GET", `/api/v1/dora?service=${f.service.slug}&${PERIOD}`)).status).toBe(404);
    expect((await call(f.outsider, "GET", `/api/v1/dora?team=${f.team.slug}&${PERIOD}`)).status).toBe(404);
    expect((await call(f.outsider, "GET", `/api/v1/dora/deployments?service=${f.service.slug}&${PERIOD}`)).status).toBe(404);
    const own = await call(f.outsider, "GET", `/api/v1/dora?${PERIOD}`);
    expect((own.body as unknown as DoraReport).current.changeFailureRate.changes).toBe(0);
  });

  it("refuses bad filters", async () => {
    expect((await call(f.lead, "GET", `/api/v1/dora?from=2026-02-30`)).status).toBe(400);
    expect((await call(f.lead, "GET", `/api/v1/dora?from=2026-01-10&to=2026-01-01`)).status).toBe(400);
    expect((await call(f.lead, "GET", `/api/v1/dora/everything`)).status).toBe(400);
  });
});
