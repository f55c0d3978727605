import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { findFreePort } from "@/lib/db/embedded-postgres";
import { stopBoss } from "@/lib/jobs/boss";
import { startWorkerProcess, type GantryProcess } from "../helpers/gantry-processes";
import { usePrivateDatabase } from "../helpers/private-database";
import { queueUnreachablePromotion } from "../helpers/unreachable-promotion";

/**
 * A real worker process (`npm run worker`'s script) with GANTRY_WORKER_METRICS_PORT: its own
 * /metrics (same access rule and exposition as /api/metrics), /health and /ready, and the cluster
 * API errors and job runs of that process counted there.
 */
const TOKEN = "worker-scrape-token-4e8a1f";

let database: Awaited<ReturnType<typeof usePrivateDatabase>>;
let worker: GantryProcess | undefined;
let base: string;

beforeAll(async () => {
  // A database of its own: the worker must take only this file's promotions.
  database = await usePrivateDatabase();
  const port = await findFreePort();
  base = `http://127.0.0.1:${port}`;
  worker = await startWorkerProcess({ ...process.env, DATABASE_URL: database.url, GANTRY_METRICS_TOKEN: TOKEN, GANTRY_WORKER_METRICS_PORT: String(port) });
}, 60_000);

afterAll(async () => {
  await stopBoss();
  await worker?.stop();
  await database?.drop();
});

const scrape = () => fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });

function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const line = text
    .split("\n")
    .find((l) => l.startsWith(`${name}{`) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line === undefined ? undefined : Number(line.split(" ").pop());
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(value)}); worker output:\n${worker?.output()}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("worker process endpoints", () => {
  it("answers /health and /ready once it takes jobs, and 404 elsewhere in the error shape", async () => {
    const health = await fetch(`${base}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: "ok", database: { status: "up" } });
    const ready = await eventually(() => fetch(`${base}/ready`).then(async (r) => ({ status: r.status, body: await r.json() })), (r) => r.status === 200, "/ready");
    expect(ready.body).toMatchObject({ status: "ready" });
    const other = await fetch(`${base}/api/v1/promotions`);
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ error: { code: "not_found" } });
  });

  it("serves /metrics under the same bearer rule as /api/metrics", async () => {
    const anonymous = await fetch(`${base}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: "unauthenticated" } });
    expect((await fetch(`${base}/metrics`, { headers: { authorization: "Bearer not-the-token" } })).status).toBe(401);
    const response = await scrape();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    for (const family of ["gantry_cluster_api_errors_total", "gantry_job_run_duration_seconds", "gantry_promotions", "gantry_job_queue_depth"]) {
      expect(text).toContain(`# TYPE ${family} `);
    }
  });

  it("counts the cluster API error and the job run of a promotion to an unreachable cluster", async () => {
    const before = await scrape().then((r) => r.text());
    expect(sample(before, "gantry_cluster_api_errors_total", { kind: "unreachable" })).toBeUndefined();
    expect(sample(before, "gantry_job_run_duration_seconds_count", { queue: "promotion-run" })).toBeUndefined();

    await queueUnreachablePromotion(getDb(), "worker-metrics");

    const after = await eventually(
      () => scrape().then((r) => r.text()),
      (text) => (sample(text, "gantry_cluster_api_errors_total", { kind: "unreachable" }) ?? 0) >= 1 && sample(text, "gantry_job_run_duration_seconds_count", { queue: "promotion-run" }) !== undefined,
      "the worker to count the cluster error and the job run",
    );
    expect(sample(after, "gantry_cluster_api_errors_total", { kind: "unreachable" })).toBeGreaterThanOrEqual(1);
    const runs = ["completed", "failed", "deferred"].reduce((sum, outcome) => sum + (sample(after, "gantry_job_run_duration_seconds_count", { queue: "promotion-run", outcome }) ?? 0), 0);
    expect(runs).toBeGreaterThanOrEqual(1);
    expect(sample(after, "gantry_job_run_duration_seconds_bucket", { queue: "promotion-run", le: "+Inf" })).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it("on SIGTERM stops being ready, finishes, and exits 0", async () => {
    const exited = worker!.stop("SIGTERM");
    await eventually(async () => worker!.output(), (output) => output.includes("SIGTERM, finishing in-flight work"), "the worker to take the signal");
    // From then on /ready says it is stopping, or the listener is already gone: never "ready" again.
    const ready = await fetch(`${base}/ready`).then(
      async (r) => ({ status: r.status, body: (await r.json()) as { reason?: string } }),
      () => null,
    );
    if (ready) {
      expect(ready.status).toBe(503);
      expect(ready.body.reason).toMatch(/stopping/);
    }
    expect(await exited).toBe(0);
    worker = undefined;
  });
});
