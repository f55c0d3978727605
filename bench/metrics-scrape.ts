/**
 * What one Prometheus scrape of /api/metrics (or a worker's /metrics) costs the database: the
 * promotions-by-status and job-queue gauges are read from Postgres at scrape time, by every pod,
 * every scrape interval.
 *
 *   npx tsx bench/metrics-scrape.ts                                  # 1 M promotions, 200 000 jobs
 *   npx tsx bench/metrics-scrape.ts --promotions 100000 --jobs 20000 --runs 20
 *
 * A throwaway embedded PostgreSQL, migrated; promotions spread over the statuses that may pile up
 * (never two active in one environment), pg-boss jobs in three queues, three quarters of them
 * finished (kept by pg-boss until its retention ends), the rest waiting. After VACUUM ANALYZE,
 * three warm-up scrapes, then --runs timed renderGantryMetrics() calls: exactly what the endpoint
 * runs, minus HTTP. Prints; does not assert.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { PgBoss } from "pg-boss";
import { createDb } from "../lib/db/client";
import { findFreePort, startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { applyMigrations } from "../lib/db/schema-engine";
import { promotionsFamily, queueFamilies, renderGantryMetrics } from "../lib/observability/exposition";
import { createArtifact, createTeamWithService } from "../test/helpers/identity-fixture";
import { argument, isMain, loadAverage, log, summary, type BenchResult } from "./support/report";

const TARGET_MS = 250;

async function timeRuns(runs: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return summary(samples);
}

export async function runMetricsScrape(options: { promotions: number; jobs: number; runs: number }): Promise<BenchResult[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "gantry-bench-metrics-"));
  const server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await findFreePort(), persistent: false });
  const db = createDb(server.connectionString);
  const client = new pg.Client(server.connectionString);
  let boss: PgBoss | undefined;
  try {
    await applyMigrations(server.connectionString);
    await client.connect();
    log(`metrics scrape: ${options.promotions.toLocaleString("en")} promotions, ${options.jobs.toLocaleString("en")} jobs, ${options.runs} timed scrapes`);

    const t0 = performance.now();
    const { team } = await createTeamWithService(db, "bench");
    const environments = await db.environment.findMany({ where: { service: { teamId: team.id } }, select: { id: true, serviceId: true } });
    const artifact = await createArtifact(db, environments[0]!.serviceId);
    await client.query(
      `INSERT INTO "Promotion" (id, "environmentId", "artifactId", status, "createdAt", "updatedAt")
       SELECT gen_random_uuid(), ($1::uuid[])[1 + i % array_length($1::uuid[], 1)], $2::uuid,
              (ARRAY['Succeeded','Succeeded','Succeeded','Succeeded','Failed','RolledBack','Rejected','Superseded','Aborted','PendingApproval','Queued'])[1 + i % 11]::"PromotionStatus",
              now() - (i || ' minutes')::interval, now()
         FROM generate_series(1, $3::int) AS i`,
      [environments.map((e) => e.id), artifact.id, options.promotions],
    );

    boss = new PgBoss({ connectionString: server.connectionString, max: 2, supervise: false, schedule: false } as ConstructorParameters<typeof PgBoss>[0]);
    await boss.start();
    const queues = ["promotion-run", "promotion-verify", "notification-deliver"];
    for (const queue of queues) await boss.createQueue(queue);
    for (let sent = 0; sent < options.jobs; sent += 5000) {
      const queue = queues[(sent / 5000) % queues.length]!;
      await boss.insert(queue, Array.from({ length: Math.min(5000, options.jobs - sent) }, (_, i) => ({ data: { n: sent + i } })));
    }
    await client.query(`UPDATE pgboss.job SET state = 'completed', completed_on = now() WHERE (data->>'n')::int % 4 <> 0`);
    await boss.stop({ graceful: false });
    boss = undefined;
    await client.query("VACUUM ANALYZE");
    const size = (await client.query(`SELECT pg_size_pretty(pg_database_size(current_database())) AS size`)).rows[0].size as string;
    log(`  generated in ${((performance.now() - t0) / 1000).toFixed(1)} s; database ${size}`);

    const scrape = await timeRuns(options.runs, () => renderGantryMetrics(db));
    const promotions = await timeRuns(options.runs, () => promotionsFamily(db));
    const jobs = await timeRuns(options.runs, () => queueFamilies(db));
    const ms = (v: number) => `${v.toFixed(1)} ms`;
    log(`  load average ${loadAverage()}`);
    log("| part | median | p95 | max |");
    log("| --- | --- | --- | --- |");
    for (const [name, s] of [["whole scrape (renderGantryMetrics)", scrape], ["promotions by status", promotions], ["job queue depth and age", jobs]] as const) {
      log(`| ${name} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.max)} |`);
    }
    return [
      {
        benchmark: `/api/metrics scrape, ${options.promotions.toLocaleString("en")} promotions and ${options.jobs.toLocaleString("en")} jobs: median`,
        measured: `${Math.round(scrape.p50)} ms (p95 ${Math.round(scrape.p95)} ms)`,
        target: `p95 ≤ ${TARGET_MS} ms`,
        baseline: `promotions ${Math.round(promotions.p50)} ms, queues ${Math.round(jobs.p50)} ms`,
        met: scrape.p95 <= TARGET_MS,
      },
    ];
  } finally {
    await boss?.stop({ graceful: false }).catch(() => undefined);
    await client.end().catch(() => undefined);
    await db.$disconnect();
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

if (isMain(import.meta.url)) {
  runMetricsScrape({ promotions: argument("promotions", 1_000_000), jobs: argument("jobs", 200_000), runs: argument("runs", 30) }).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
