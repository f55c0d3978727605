import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { findFreePort } from "@/lib/db/embedded-postgres";
import { getBoss, stopBoss } from "@/lib/jobs/boss";
import { isMetricsProviderError, type MetricsProvider } from "@/lib/metrics/providers/metrics-provider";
import { createPrometheusProvider } from "@/lib/metrics/providers/prometheus-provider";
import { DURATION_BUCKETS } from "@/lib/observability/registry";
import { startWebProcess, startWorkerProcess, type GantryProcess } from "../../helpers/gantry-processes";
import { createArtifact, createTeamWithService } from "../../helpers/identity-fixture";
import { usePrivateDatabase } from "../../helpers/private-database";
import { queueUnreachablePromotion } from "../../helpers/unreachable-promotion";
import { assertPrometheusInstalled, realPrometheusTestsRun, startRealPrometheus, type RealPrometheus } from "./real-prometheus";

/**
 * Gantry's own /api/metrics, served by a separate Gantry web process, and a worker process'
 * /metrics, scraped by the real Prometheus binary with the bearer token (as the Helm chart's users
 * configure it), and read back through our own Prometheus provider: the values must be what this
 * test did.
 */
const runs = realPrometheusTestsRun("the Gantry-metrics-in-real-Prometheus test");
const TOKEN = "scrape-token-5b1c0e7a9d3f";
const JOB = "gantry-web";
const WORKER_JOB = "gantry-worker";

let database: Awaited<ReturnType<typeof usePrivateDatabase>>;
let web: (GantryProcess & { baseUrl: string }) | undefined;
let worker: GantryProcess | undefined;
let prometheus: RealPrometheus | undefined;
let provider: MetricsProvider;

/** The value of a single-series instant query now, or undefined when nothing matches (yet). */
async function valueNow(query: string): Promise<number | undefined> {
  try {
    const samples = await provider.query(query, new Date());
    expect(samples, query).toHaveLength(1);
    return samples[0]!.value[1];
  } catch (error) {
    if (isMetricsProviderError(error, "empty_result")) return undefined;
    throw error;
  }
}

/** Polls real Prometheus until the query's value satisfies `done` (it scrapes every second), then returns it. */
async function eventually(query: string, done: (value: number | undefined) => boolean, timeoutMs = 30_000): Promise<number | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await valueNow(query);
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`${query} is still ${value} after ${timeoutMs} ms; Prometheus says:\n${prometheus?.logs()}\nGantry says:\n${web?.output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.skipIf(!runs)("Gantry's /api/metrics scraped by real Prometheus", () => {
  beforeAll(async () => {
    assertPrometheusInstalled();
    database = await usePrivateDatabase();
    web = await startWebProcess({ ...process.env, DATABASE_URL: database.url, GANTRY_METRICS_TOKEN: TOKEN, LOG_LEVEL: "warn" });
    const workerPort = await findFreePort();
    worker = await startWorkerProcess({ ...process.env, DATABASE_URL: database.url, GANTRY_METRICS_TOKEN: TOKEN, GANTRY_WORKER_METRICS_PORT: String(workerPort) });
    const target = new URL(web.baseUrl).host;
    prometheus = await startRealPrometheus([
      { name: JOB, target, metricsPath: "/api/metrics", bearerToken: TOKEN },
      { name: WORKER_JOB, target: `127.0.0.1:${workerPort}`, metricsPath: "/metrics", bearerToken: TOKEN },
      { name: "wrong-token", target, metricsPath: "/api/metrics", bearerToken: "not-the-scrape-token" },
      { name: "no-token", target, metricsPath: "/api/metrics" },
    ]);
    provider = createPrometheusProvider({ url: prometheus.url, timeoutMs: 5000 });
    await eventually(`up{job="${JOB}"}`, (v) => v === 1);
    await eventually(`up{job="${WORKER_JOB}"}`, (v) => v === 1);
  }, 120_000);

  afterAll(async () => {
    await prometheus?.stop();
    await worker?.stop();
    await web?.stop();
    await stopBoss();
    await database?.drop();
  });

  it("scrapes with the bearer token; scrapes without it, or with another, are refused", async () => {
    expect(await valueNow(`up{job="${JOB}"}`)).toBe(1);
    expect(await eventually(`up{job="wrong-token"}`, (v) => v !== undefined)).toBe(0);
    expect(await eventually(`up{job="no-token"}`, (v) => v !== undefined)).toBe(0);
    // Gantry itself saw the refused scrapes, and Prometheus read that from the accepted ones.
    expect(await eventually(`sum(gantry_http_request_duration_seconds_count{job="${JOB}",route="/api/metrics",status="401"})`, (v) => (v ?? 0) >= 2)).toBeGreaterThanOrEqual(2);
  });

  it("counts the requests this test made in the latency histogram, and histogram_quantile reads its buckets", async () => {
    const health = `job="${JOB}",route="/api/health",method="GET",status="200"`;
    // A series Prometheus already holds, so that the increase below is seen by rate() too.
    for (let i = 0; i < 3; i++) await fetch(`${web!.baseUrl}/api/health`);
    const before = (await eventually(`gantry_http_request_duration_seconds_count{${health}}`, (v) => (v ?? 0) >= 3))!;
    const REQUESTS = 7;
    for (let i = 0; i < REQUESTS; i++) expect((await fetch(`${web!.baseUrl}/api/health`)).status).toBe(200);

    const count = await eventually(`gantry_http_request_duration_seconds_count{${health}}`, (v) => (v ?? 0) >= before + REQUESTS);
    expect(count).toBe(before + REQUESTS);
    expect(await valueNow(`gantry_http_request_duration_seconds_bucket{${health},le="+Inf"}`)).toBe(before + REQUESTS);

    // The buckets as Gantry serves them now (no /api/health request since): Prometheus' median
    // must be the linear interpolation inside the bucket that holds the middle observation.
    const direct = await fetch(`${web!.baseUrl}/api/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } }).then((r) => r.text());
    const cumulative = DURATION_BUCKETS.map((le) => {
      const line = direct.split("\n").find((l) => l.startsWith("gantry_http_request_duration_seconds_bucket{") && l.includes('route="/api/health"') && l.includes('status="200"') && l.includes(`le="${le}"`));
      expect(line, `bucket le=${le}`).toBeDefined();
      return Number(line!.split(" ").pop());
    });
    const total = before + REQUESTS;
    const rank = 0.5 * total;
    const b = cumulative.findIndex((c) => c >= rank);
    expect(b, "the median is below the largest finite bucket").toBeGreaterThanOrEqual(0);
    const [lower, below] = b === 0 ? [0, 0] : [DURATION_BUCKETS[b - 1]!, cumulative[b - 1]!];
    const expected = lower + (DURATION_BUCKETS[b]! - lower) * ((rank - below) / (cumulative[b]! - below));

    const median = await valueNow(`histogram_quantile(0.5, sum by (le) (gantry_http_request_duration_seconds_bucket{${health}}))`);
    expect(median).toBeCloseTo(expected, 9);
    // And over a rate, as dashboards use it.
    const p90 = await valueNow(`histogram_quantile(0.9, sum by (le) (rate(gantry_http_request_duration_seconds_bucket{${health}}[1m])))`);
    expect(Number.isFinite(p90)).toBe(true);
    expect(p90).toBeGreaterThan(0);
    expect(p90).toBeLessThanOrEqual(DURATION_BUCKETS.at(-1)!);
  });

  it("reports promotions by status as this test changes them", async () => {
    const db = getDb();
    const { prod } = await createTeamWithService(db, "scraped");
    const artifact = await createArtifact(db, prod.serviceId);
    const make = (status: "PendingApproval" | "Failed") => db.promotion.create({ data: { environmentId: prod.id, artifactId: artifact.id, status } });
    const [first] = await Promise.all([make("PendingApproval"), make("PendingApproval"), make("PendingApproval"), make("Failed")]);

    const pending = `gantry_promotions{job="${JOB}",status="PendingApproval"}`;
    expect(await eventually(pending, (v) => v === 3)).toBe(3);
    expect(await valueNow(`gantry_promotions{job="${JOB}",status="Failed"}`)).toBe(1);
    expect(await valueNow(`sum(gantry_promotions{job="${JOB}"})`)).toBe(await db.promotion.count());

    await db.promotion.update({ where: { id: first.id }, data: { status: "Rejected" } });
    expect(await eventually(pending, (v) => v === 2)).toBe(2);
    expect(await valueNow(`gantry_promotions{job="${JOB}",status="Rejected"}`)).toBe(1);
  });

  it("reports the job queue depth as jobs are sent and completed", async () => {
    const boss = await getBoss();
    const queue = `scraped-${randomUUID().slice(0, 8)}`;
    await boss.createQueue(queue);
    for (let n = 0; n < 4; n++) await boss.send(queue, { n });
    const depth = `gantry_job_queue_depth{job="${JOB}",queue="${queue}"}`;
    expect(await eventually(depth, (v) => v === 4)).toBe(4);
    expect(await valueNow(`gantry_job_oldest_age_seconds{job="${JOB}",queue="${queue}"}`)).toBeGreaterThanOrEqual(0);

    const [job] = await boss.fetch(queue);
    await boss.complete(queue, job!.id);
    expect(await eventually(depth, (v) => v === 3)).toBe(3);
  });

  it("scrapes a worker process too: the cluster API error and the job run of the promotion it took", async () => {
    const errors = `gantry_cluster_api_errors_total{job="${WORKER_JOB}",kind="unreachable"}`;
    expect(await valueNow(errors)).toBeUndefined();
    await queueUnreachablePromotion(getDb(), "scraped-worker");
    expect(await eventually(errors, (v) => (v ?? 0) >= 1, 45_000)).toBeGreaterThanOrEqual(1);
    // The web process made no cluster call.
    expect(await valueNow(`gantry_cluster_api_errors_total{job="${JOB}"}`)).toBeUndefined();
    const runs = await eventually(`sum(gantry_job_run_duration_seconds_count{job="${WORKER_JOB}",queue="promotion-run"})`, (v) => (v ?? 0) >= 1);
    expect(runs).toBeGreaterThanOrEqual(1);
  }, 60_000);
});
