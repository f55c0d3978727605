import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { getAnalysis, listAnalysesForPromotion } from "@/lib/domain/analyses/get-analysis";
import { countAnalysesByVerdict, listAnalysisFilterOptions, listRecentAnalyses } from "@/lib/domain/analyses/list-analyses";
import { openVerification, verifyPromotion } from "@/lib/domain/promotions/verify-promotion";
import { loadUserActor } from "@/lib/auth/load-actor";
import { stopBoss } from "@/lib/jobs/boss";
import { DEFAULT_ANALYSIS_TEMPLATE } from "@/lib/metrics/default-template";
import { createInProcessProvider, createMetricsModel } from "@/lib/sandbox/metrics";
import { staticWorkloadSource } from "@/lib/sandbox/metrics/workloads";
import { startApiServer, type ApiServer } from "../helpers/api-server";
import { createArtifact, createSucceededDeployment, createTeamWithService, createUserWith } from "../helpers/identity-fixture";

/**
 * The read side of release verification. The analyses are produced by the engine itself
 * (openVerification + verifyPromotion against the sandbox metrics model, a bad image that raises
 * errors and latency), so the views are checked against what verification really stores.
 */
const WINDOW_MS = 10 * 60_000;
const db = getDb();
let server: ApiServer;
let clock = Date.now();

let alpha: Awaited<ReturnType<typeof createTeamWithService>>;
let hidden: Awaited<ReturnType<typeof createTeamWithService>>;
let users: { teamViewer: Awaited<ReturnType<typeof createUserWith>>; outsider: Awaited<ReturnType<typeof createUserWith>> };
let failed: { analysisId: string; promotionId: string; goodVersion: string; badVersion: string };
let pending: { analysisId: string; promotionId: string };
let hiddenAnalysisId: string;

const ctxOf = async (user: { id: string }) => ({ actor: (await loadUserActor(db, user.id))! });

/** A promotion of a new artifact that has just rolled out (Verifying), with the metrics model seeing the same rollout. */
async function rolledOut(environment: typeof alpha.prod, source: ReturnType<typeof staticWorkloadSource>, options: { bad: boolean }) {
  const good = await createArtifact(db, environment.serviceId);
  await createSucceededDeployment(db, environment, good.id, new Date(Date.now() - 3 * 3_600_000));
  const release = await createArtifact(db, environment.serviceId);
  if (options.bad) source.setImageEffect(release.imageDigest, { errorRatioBoost: 0.2, latencyFactor: 2 });
  const deployAt = new Date(Date.now() - 60_000);
  source.deploy(environment.namespace, environment.workloadName, release.imageDigest, { at: deployAt, replicas: 2 });
  const promotion = await db.promotion.create({
    data: { environmentId: environment.id, artifactId: release.id, status: "Verifying", approvedAt: deployAt, queuedAt: deployAt, startedAt: deployAt },
  });
  await db.deployment.create({
    data: {
      environmentId: environment.id,
      serviceId: environment.serviceId,
      isProduction: environment.isProduction,
      artifactId: release.id,
      previousArtifactId: good.id,
      promotionId: promotion.id,
      outcome: "InProgress",
      startedAt: deployAt,
    },
  });
  return { promotion, good, release };
}

function workloadFor(environment: typeof alpha.prod, serviceSlug: string, goodDigest = "sha256:" + "0".repeat(64)) {
  return {
    namespace: environment.namespace,
    name: environment.workloadName,
    service: serviceSlug,
    environment: environment.name,
    pods: [0, 1].map((i) => ({ name: `${environment.workloadName}-old-${i}`, imageDigest: goodDigest, startedAt: new Date(Date.now() - 3 * 3_600_000) })),
  };
}

beforeAll(async () => {
  server = await startApiServer();
  alpha = await createTeamWithService(db, "ana");
  hidden = await createTeamWithService(db, "ana-hidden");
  users = {
    teamViewer: await createUserWith(db, "ana-viewer", [{ role: "viewer", scopeTeamId: alpha.team.id }]),
    outsider: await createUserWith(db, "ana-outsider", [{ role: "viewer", scopeTeamId: hidden.team.id }]),
  };
  await db.environment.update({ where: { id: alpha.prod.id }, data: { autoRollback: true, verificationMinutes: 10 } });

  const source = staticWorkloadSource([workloadFor(alpha.prod, alpha.service.slug), workloadFor(alpha.dev, alpha.service.slug), workloadFor(hidden.prod, hidden.service.slug)]);
  const provider = createInProcessProvider(createMetricsModel(source, { now: () => clock, backfillSeconds: 4 * 3600 }));

  // prod: a bad release, judged once its canary window has passed → Fail and an automatic rollback.
  const bad = await rolledOut(alpha.prod, source, { bad: true });
  await db.$transaction((tx) => openVerification(tx, bad.promotion.id, { provider, windowMs: WINDOW_MS }));
  const opened = await db.analysis.findFirstOrThrow({ where: { promotionId: bad.promotion.id } });
  clock = opened.canaryEnd.getTime() + 1000;
  const outcome = await verifyPromotion(bad.promotion.id, { provider, now: () => new Date(clock) });
  expect(outcome).toMatchObject({ state: "finished", verdict: "Fail", status: "RolledBack" });
  failed = { analysisId: opened.id, promotionId: bad.promotion.id, goodVersion: bad.good.version, badVersion: bad.release.version };

  // dev: a release whose canary window is still open.
  const open = await rolledOut(alpha.dev, source, { bad: false });
  await db.$transaction((tx) => openVerification(tx, open.promotion.id, { provider, windowMs: WINDOW_MS }));
  pending = { analysisId: (await db.analysis.findFirstOrThrow({ where: { promotionId: open.promotion.id } })).id, promotionId: open.promotion.id };

  // Another team's service, which the team viewer must never see.
  const other = await rolledOut(hidden.prod, source, { bad: false });
  await db.$transaction((tx) => openVerification(tx, other.promotion.id, { provider, windowMs: WINDOW_MS }));
  hiddenAnalysisId = (await db.analysis.findFirstOrThrow({ where: { promotionId: other.promotion.id } })).id;
}, 120_000);

afterAll(async () => {
  await stopBoss();
  await server?.close();
});

describe("getAnalysis", () => {
  it("shows a failed verification with the failing critical metric first, its evidence and the rollback that followed", async () => {
    const analysis = await getAnalysis(await ctxOf(users.teamViewer), failed.analysisId);
    expect(analysis).toMatchObject({
      status: "Completed",
      verdict: "Fail",
      service: { slug: alpha.service.slug },
      environment: { name: "prod", isProduction: true, autoRollback: true },
      artifact: { version: failed.badVersion },
      previousArtifact: { version: failed.goodVersion },
      promotion: { id: failed.promotionId, status: "RolledBack" },
      rollback: { toVersion: failed.goodVersion },
    });
    expect(analysis.summary).toMatch(/^Fail: critical metric 5xx error ratio is High/);
    expect(analysis.promotion?.failureReason).toMatch(/^verification failed/);

    const first = analysis.metrics[0]!;
    expect(first).toMatchObject({ name: "5xx error ratio", status: "High", critical: true, unit: "ratio", direction: "HigherIsWorse", minSamples: 8 });
    expect(first.effect).toBeGreaterThan(first.tolerance);
    expect(first.pValue).toBeLessThan(0.05);
    expect(first.explanation).toMatch(/5xx error ratio rose/);
    expect(analysis.metrics.map((m) => m.name).sort()).toEqual(DEFAULT_ANALYSIS_TEMPLATE.metrics.map((m) => m.name).sort());
    expect(analysis.metrics.find((m) => m.name === "p95 latency")?.unit).toBe("seconds");
    // Failing metrics come before passing ones.
    const order = analysis.metrics.map((m) => (m.status === "High" || m.status === "Low" ? 0 : m.status === "NoData" ? 1 : 2));
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it("pairs every stored sample with a time inside its own window, as many as the judge counted", async () => {
    const analysis = await getAnalysis(await ctxOf(users.teamViewer), failed.analysisId);
    const within = (t: number, w: { start: string; end: string }) => t * 1000 >= Date.parse(w.start) - 1 && t * 1000 <= Date.parse(w.end) + 1;
    for (const metric of analysis.metrics.filter((m) => m.status !== "NoData")) {
      expect(metric.baseline.samples.length, metric.name).toBe(metric.baseline.summary.n);
      expect(metric.canary.samples.length, metric.name).toBe(metric.canary.summary.n);
      expect(metric.baseline.samples.every(([t]) => within(t, analysis.baseline)), metric.name).toBe(true);
      expect(metric.canary.samples.every(([t]) => within(t, analysis.canary)), metric.name).toBe(true);
    }
    expect(Date.parse(analysis.baseline.end)).toBe(Date.parse(analysis.deployment.startedAt));
  });

  it("shows an open analysis as Pending with the metrics it will judge and when", async () => {
    const analysis = await getAnalysis(await ctxOf(users.teamViewer), pending.analysisId);
    expect(analysis).toMatchObject({ status: "Pending", verdict: null, score: null, metrics: [], rollback: null, promotion: { status: "Verifying" } });
    expect(Date.parse(analysis.canary.end) - Date.parse(analysis.canary.start)).toBe(WINDOW_MS);
    expect(analysis.template.metrics.map((m) => m.name)).toEqual(DEFAULT_ANALYSIS_TEMPLATE.metrics.map((m) => m.name));
  });

  it("answers 404 to someone who cannot see the service, and for an unknown id", async () => {
    await expect(getAnalysis(await ctxOf(users.outsider), failed.analysisId)).rejects.toMatchObject({ code: "not_found", message: "Analysis not found" });
    await expect(getAnalysis(await ctxOf(users.teamViewer), hiddenAnalysisId)).rejects.toMatchObject({ code: "not_found" });
    await expect(getAnalysis(await ctxOf(users.teamViewer), randomUUID())).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("listAnalysesForPromotion", () => {
  it("returns the promotion's analyses, and 404 when the promotion is hidden", async () => {
    const analyses = await listAnalysesForPromotion(await ctxOf(users.teamViewer), failed.promotionId);
    expect(analyses.map((a) => a.id)).toEqual([failed.analysisId]);
    expect(analyses[0]!.metrics).toHaveLength(DEFAULT_ANALYSIS_TEMPLATE.metrics.length);
    await expect(listAnalysesForPromotion(await ctxOf(users.outsider), failed.promotionId)).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("listRecentAnalyses", () => {
  it("lists only visible services, newest first, with the failing metrics", async () => {
    const rows = await listRecentAnalyses(await ctxOf(users.teamViewer), { service: alpha.service.slug });
    expect(rows.map((r) => r.id)).toEqual([pending.analysisId, failed.analysisId]);
    expect(rows[1]).toMatchObject({ verdict: "Fail", environment: { name: "prod" }, artifact: { version: failed.badVersion }, promotionId: failed.promotionId, metricCount: 4 });
    expect(rows[1]!.failingMetrics).toContain("5xx error ratio");
    const everything = await listRecentAnalyses(await ctxOf(users.teamViewer), { limit: 200 });
    expect(everything.some((r) => r.id === hiddenAnalysisId)).toBe(false);
    expect((await listRecentAnalyses(await ctxOf(users.outsider), { service: alpha.service.slug })).length).toBe(0);
  });

  it("filters by environment, verdict, status and promotion, and pages with before/limit", async () => {
    const ctx = await ctxOf(users.teamViewer);
    const service = alpha.service.slug;
    expect((await listRecentAnalyses(ctx, { service, environment: "prod" })).map((r) => r.id)).toEqual([failed.analysisId]);
    expect((await listRecentAnalyses(ctx, { service, verdict: "Fail" })).map((r) => r.id)).toEqual([failed.analysisId]);
    expect((await listRecentAnalyses(ctx, { service, verdict: "Pass" })).map((r) => r.id)).toEqual([]);
    expect((await listRecentAnalyses(ctx, { service, status: "Pending" })).map((r) => r.id)).toEqual([pending.analysisId]);
    expect((await listRecentAnalyses(ctx, { promotion: failed.promotionId })).map((r) => r.id)).toEqual([failed.analysisId]);
    const [newest] = await listRecentAnalyses(ctx, { service, limit: 1 });
    expect(newest!.id).toBe(pending.analysisId);
    expect((await listRecentAnalyses(ctx, { service, before: newest!.createdAt })).map((r) => r.id)).toEqual([failed.analysisId]);
  });

  it("counts verdicts and offers filter options from visible analyses only", async () => {
    const ctx = await ctxOf(users.teamViewer);
    expect(await countAnalysesByVerdict(ctx, { service: alpha.service.slug })).toEqual({ Pass: 0, Marginal: 0, Fail: 1, Inconclusive: 0, open: 1, total: 2 });
    const options = await listAnalysisFilterOptions(ctx);
    expect(options.services.map((s) => s.slug)).toContain(alpha.service.slug);
    expect(options.services.map((s) => s.slug)).not.toContain(hidden.service.slug);
    expect(options.environments).toEqual(expect.arrayContaining(["dev", "prod"]));
  });
});

describe("the analyses API", () => {
  const get = (path: string, cookie: string) => fetch(server.baseUrl + path, { headers: { cookie } });

  it("GET /api/v1/analyses/[id] answers the report, 404 to a caller who cannot see it, 400 for a malformed id", async () => {
    const ok = await get(`/api/v1/analyses/${failed.analysisId}`, users.teamViewer.cookie);
    expect(ok.status).toBe(200);
    const body = (await ok.json()) as { analysis: { verdict: string; metrics: { name: string; baseline: { samples: [number, number][] } }[] } };
    expect(body.analysis.verdict).toBe("Fail");
    expect(body.analysis.metrics[0]!.baseline.samples[0]).toEqual([expect.any(Number), expect.any(Number)]);

    const hiddenFromOutsider = await get(`/api/v1/analyses/${failed.analysisId}`, users.outsider.cookie);
    expect(hiddenFromOutsider.status).toBe(404);
    expect(await hiddenFromOutsider.json()).toMatchObject({ error: { code: "not_found", message: "Analysis not found" } });
    expect((await get(`/api/v1/analyses/${randomUUID()}`, users.teamViewer.cookie)).status).toBe(404);
    expect((await get("/api/v1/analyses/not-a-uuid", users.teamViewer.cookie)).status).toBe(400);
  });

  it("GET /api/v1/analyses filters and validates its query", async () => {
    const response = await get(`/api/v1/analyses?service=${alpha.service.slug}&verdict=Fail`, users.teamViewer.cookie);
    expect(response.status).toBe(200);
    const { analyses } = (await response.json()) as { analyses: { id: string; failingMetrics: string[] }[] };
    expect(analyses.map((a) => a.id)).toEqual([failed.analysisId]);
    expect((await get(`/api/v1/analyses?promotion=${failed.promotionId}`, users.outsider.cookie)).status).toBe(200);
    expect(((await (await get(`/api/v1/analyses?promotion=${failed.promotionId}`, users.outsider.cookie)).json()) as { analyses: unknown[] }).analyses).toEqual([]);
    const bad = await get("/api/v1/analyses?verdict=Great&limit=0", users.teamViewer.cookie);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "validation_failed" } });
  });
});
