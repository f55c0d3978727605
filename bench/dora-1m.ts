/**
 * How fast are the DORA numbers over a million deployments?
 *
 *   npx tsx bench/dora-1m.ts [--deployments N] [--runs N] [--keep] [--url postgresql://…]
 *
 * Starts a throwaway embedded PostgreSQL, applies the migrations, and generates (in SQL, with a
 * fixed seed) two years of history for 20 teams × 10 services: about N deployments across dev,
 * staging and prod (every build to dev, most to staging, some to prod; failed rollouts, rollbacks
 * with and without incidents, failed verifications), three commits per build (a few shipped in
 * two builds), and standalone incidents. Then it times, for "one team, last year" and
 * "everything, last year":
 *
 *   - gantry: what `GET /api/v1/dora` runs (scope resolution plus the three aggregations of
 *     lib/dora/queries.ts through Prisma, current and previous period and weekly trend);
 *   - hand-written: one SQL statement written for the same numbers, sent with `pg` directly;
 *
 * checks that both give the same numbers, and prints a table (median and p95 of --runs runs after
 * a warm-up) with the machine's load average, which the timings depend on. `--keep` leaves the
 * database running; `--url` times an existing generated database again (migrations are applied
 * first, so new indexes count). Benchmarks print; they do not assert.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os, { loadavg } from "node:os";
import path from "node:path";
import pg from "pg";
import type { Actor } from "../lib/auth/actor";
import { createDb } from "../lib/db/client";
import { findFreePort, startEmbeddedPostgres } from "../lib/db/embedded-postgres";
import { applyMigrations } from "../lib/db/schema-engine";
import { getDoraReport, type DoraReport } from "../lib/domain/dora/get-dora-report";
import type { DoraScope, Period } from "../lib/dora/definitions";
import { handWrittenDoraSql, type HandWrittenRow } from "./dora-hand-written-sql";
import { argument, isMain, resultsTable, type BenchResult } from "./support/report";

export interface DoraBenchOptions {
  deployments: number;
  runs: number;
  /** Leave the generated database running. */
  keep: boolean;
  /** Time an existing generated database instead of generating one. */
  url?: string;
}

/** Targets of issue #10: one team's year within 200 ms and within 2× the hand-written SQL. */
export const DORA_TARGET_MS = 200;

const TEAMS = 20;
const SERVICES_PER_TEAM = 10;
const HISTORY_DAYS = 730;
/** Deployments per build on average (dev 1 + staging ~0.78 + prod ~0.58 + rollbacks). */
const DEPLOYMENTS_PER_BUILD = 2.4;

const log = (line: string) => process.stdout.write(`${line}\n`);

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  const result = await fn();
  log(`  ${label.padEnd(44)} ${((performance.now() - t0) / 1000).toFixed(1).padStart(6)} s`);
  return result;
}

/** Two years of history, generated inside Postgres (fast, and repeatable with setseed). */
async function generate(client: pg.Client, now: Date, targetDeployments: number) {
  const buildsPerService = Math.round(targetDeployments / DEPLOYMENTS_PER_BUILD / (TEAMS * SERVICES_PER_TEAM));
  const q = (text: string, values: unknown[] = []) => client.query(text, values);
  await q(`SELECT setseed(0.20261125)`);
  await timed("teams, services, environments", async () => {
    await q(`INSERT INTO "Team" (id, slug, name, "updatedAt") SELECT gen_random_uuid(), 'team-' || t, 'Team ' || t, now() FROM generate_series(0, $1 - 1) t`, [TEAMS]);
    await q(
      `INSERT INTO "Service" (id, slug, name, "teamId", "imageRepository", "updatedAt")
       SELECT gen_random_uuid(), 'svc-' || t.slug || '-' || s, 'Service ' || s || ' of ' || t.name, t.id, 'registry.example.com/bench', now()
       FROM "Team" t, generate_series(0, $1 - 1) s`,
      [SERVICES_PER_TEAM],
    );
    await q(
      `INSERT INTO "Environment" (id, "serviceId", name, position, "isProduction", namespace, "workloadName", "containerName", "updatedAt")
       SELECT gen_random_uuid(), s.id, e.name, e.position, e.name = 'prod', s.slug || '-' || e.name, s.slug, 'app', now()
       FROM "Service" s, (VALUES ('dev', 0), ('staging', 1), ('prod', 2)) e(name, position)`,
    );
  });
  await timed(`builds (${buildsPerService} per service)`, async () => {
    // Even teams deploy prod often with short lead times, odd teams rarely with long ones.
    await q(
      `CREATE UNLOGGED TABLE bench_build AS
       SELECT gen_random_uuid() AS id, s.id AS service_id, k,
              $2::timestamp - make_interval(days => $3) + make_interval(secs => k * ($3 * 86400.0 / $1) + random() * 3600) AS built_at,
              (right(t.slug, 1)::int % 2 = 0) AS fast,
              random() AS r_dev, random() AS r_staging, random() AS r_prod, random() AS r_outcome, random() AS r_delay, random() AS r_incident
       FROM "Service" s JOIN "Team" t ON t.id = s."teamId", generate_series(0, $1 - 1) k`,
      [buildsPerService, now, HISTORY_DAYS],
    );
    await q(`CREATE INDEX ON bench_build (service_id, k)`);
    await q(
      `INSERT INTO "Artifact" (id, "serviceId", version, "gitSha", "commitTime", "imageRepository", "imageDigest", "createdAt")
       SELECT id, service_id, '1.' || k || '.0', md5(id::text), built_at - interval '5 minutes', 'registry.example.com/bench', 'sha256:' || md5(id::text) || md5(k::text), built_at
       FROM bench_build`,
    );
    await q(
      `INSERT INTO "ArtifactCommit" (id, "artifactId", sha, message, "authorName", "authorEmail", "committedAt")
       SELECT gen_random_uuid(), b.id, md5(b.id::text || c), 'change ' || c, 'Dev ' || (b.k % 7), 'dev' || (b.k % 7) || '@example.com',
              b.built_at - make_interval(secs => 300 + random() * CASE WHEN b.fast THEN 8 * 3600 ELSE 96 * 3600 END)
       FROM bench_build b, generate_series(0, 2) c`,
    );
    // Commits shipped twice: 2 % of builds carry the previous build's first commit again.
    await q(
      `INSERT INTO "ArtifactCommit" (id, "artifactId", sha, message, "authorName", "authorEmail", "committedAt")
       SELECT gen_random_uuid(), b.id, c.sha, c.message, c."authorName", c."authorEmail", c."committedAt"
       FROM bench_build b
       JOIN bench_build p ON p.service_id = b.service_id AND p.k = b.k - 1
       JOIN "ArtifactCommit" c ON c."artifactId" = p.id AND c.message = 'change 0'
       WHERE b.r_incident < 0.02`,
    );
  });
  await timed("deployments, analyses, incidents", async () => {
    const env = (name: string, alias = "b") => `(SELECT e.id FROM "Environment" e WHERE e."serviceId" = ${alias}.service_id AND e.name = '${name}')`;
    await q(
      `INSERT INTO "Deployment" (id, "environmentId", "serviceId", "isProduction", "artifactId", outcome, "startedAt", "finishedAt")
       SELECT gen_random_uuid(), ${env("dev")}, b.service_id, false, b.id,
              CASE WHEN b.r_dev < 0.03 THEN 'Failed' ELSE 'Succeeded' END::"DeploymentOutcome",
              b.built_at + interval '10 minutes', b.built_at + interval '13 minutes'
       FROM bench_build b`,
    );
    await q(
      `INSERT INTO "Deployment" (id, "environmentId", "serviceId", "isProduction", "artifactId", outcome, "startedAt", "finishedAt")
       SELECT gen_random_uuid(), ${env("staging")}, b.service_id, false, b.id,
              CASE WHEN b.r_staging < 0.02 THEN 'Failed' ELSE 'Succeeded' END::"DeploymentOutcome",
              b.built_at + interval '2 hours', b.built_at + interval '2 hours 4 minutes'
       FROM bench_build b WHERE b.r_dev >= 0.03 AND b.r_staging < 0.8`,
    );
    await q(
      `CREATE UNLOGGED TABLE bench_prod AS
       SELECT gen_random_uuid() AS deployment_id, b.*,
              b.built_at + make_interval(secs => 3 * 3600 + b.r_delay * CASE WHEN b.fast THEN 12 * 3600 ELSE 240 * 3600 END) AS started_at,
              CASE WHEN b.r_outcome < 0.03 THEN 'Failed' WHEN b.r_outcome < 0.10 THEN 'RolledBack' ELSE 'Succeeded' END AS outcome
       FROM bench_build b WHERE b.r_dev >= 0.03 AND b.r_staging < 0.78 AND b.r_prod < 0.75`,
    );
    // Nothing deployed after "now" (slow teams take days from build to prod).
    await q(`DELETE FROM bench_prod WHERE started_at > $1::timestamp - interval '6 hours'`, [now]);
    await q(
      `INSERT INTO "Deployment" (id, "environmentId", "serviceId", "isProduction", "artifactId", outcome, "startedAt", "finishedAt")
       SELECT p.deployment_id, ${env("prod", "p")}, p.service_id, true, p.id, p.outcome::"DeploymentOutcome", p.started_at, p.started_at + interval '12 minutes'
       FROM bench_prod p`,
    );
    // Each rolled-back release is undone by a rollback to the build before it.
    await q(
      `INSERT INTO "Deployment" (id, "environmentId", "serviceId", "isProduction", "artifactId", "previousArtifactId", "isRollback", outcome, "startedAt", "finishedAt")
       SELECT gen_random_uuid(), ${env("prod", "p")}, p.service_id, true, prev.id, p.id, true, 'Succeeded',
              p.started_at + interval '20 minutes' + make_interval(secs => CASE WHEN p.r_incident < 0.5 THEN 0 ELSE 3600 * 5 * p.r_delay END),
              p.started_at + interval '23 minutes' + make_interval(secs => CASE WHEN p.r_incident < 0.5 THEN 0 ELSE 3600 * 5 * p.r_delay END)
       FROM bench_prod p JOIN bench_build prev ON prev.service_id = p.service_id AND prev.k = p.k - 1
       WHERE p.outcome = 'RolledBack'`,
    );
    await q(
      `INSERT INTO "Analysis" (id, "deploymentId", status, verdict, "baselineStart", "baselineEnd", "canaryStart", "canaryEnd", template, "createdAt", "finishedAt")
       SELECT gen_random_uuid(), p.deployment_id, 'Completed',
              CASE WHEN p.outcome = 'RolledBack' AND p.r_incident < 0.5 THEN 'Fail' WHEN p.r_delay < 0.1 THEN 'Marginal' ELSE 'Pass' END::"AnalysisVerdict",
              p.started_at - interval '15 minutes', p.started_at, p.started_at + interval '3 minutes', p.started_at + interval '12 minutes', '{}', p.started_at, p.started_at + interval '12 minutes'
       FROM bench_prod p WHERE p.outcome <> 'Failed'`,
    );
    // Regressions found by people: an incident linked to the release, resolved after the rollback.
    await q(
      `INSERT INTO "Incident" (id, "serviceId", "environmentId", "deploymentId", title, severity, source, "openedAt", "resolvedAt", "updatedAt")
       SELECT gen_random_uuid(), p.service_id, ${env("prod", "p")}, p.deployment_id, 'Regression after 1.' || p.k || '.0', 'major', 'alertmanager',
              p.started_at + interval '15 minutes', p.started_at + interval '40 minutes' + make_interval(secs => 3600 * 5 * p.r_delay), now()
       FROM bench_prod p WHERE p.outcome = 'RolledBack' AND p.r_incident >= 0.5`,
    );
    // Outages not caused by a release, about two per service per month; a few still open.
    await q(
      `INSERT INTO "Incident" (id, "serviceId", "environmentId", title, severity, source, "openedAt", "resolvedAt", "updatedAt")
       SELECT gen_random_uuid(), s.id, (SELECT e.id FROM "Environment" e WHERE e."serviceId" = s.id AND e.name = 'prod'), 'Upstream outage', 'minor', 'manual',
              o.at, CASE WHEN random() < 0.01 THEN NULL ELSE o.at + make_interval(secs => 600 + random() * 6 * 3600) END, now()
       FROM "Service" s, LATERAL (SELECT $1::timestamp - make_interval(secs => random() * $2 * 86400) AS at FROM generate_series(1, $2 / 15)) o`,
      [now, HISTORY_DAYS],
    );
    await q(`DROP TABLE bench_build; DROP TABLE bench_prod`);
  });
  await timed("VACUUM ANALYZE", () => q(`VACUUM ANALYZE`));
}

interface Case {
  name: string;
  actor: Actor;
  team?: string;
}

function numbersOf(report: DoraReport) {
  const c = report.current;
  return {
    deployments: c.deploymentFrequency.deployments,
    deployDays: c.deploymentFrequency.deployDays,
    changes: c.changeFailureRate.changes,
    failedChanges: c.changeFailureRate.failedChanges,
    leadTimeCommits: c.leadTime.commits,
    leadTimeMedianSeconds: round(c.leadTime.medianSeconds),
    leadTimeP90Seconds: round(c.leadTime.p90Seconds),
    failures: c.timeToRestore.failures,
    restored: c.timeToRestore.restored,
    restoreMedianSeconds: round(c.timeToRestore.medianSeconds),
    weeks: report.weekly.filter((w) => w.changes > 0 || w.failures > 0).length,
    previousChanges: report.previous.changeFailureRate.changes,
  };
}

function numbersOfHandWritten(rows: HandWrittenRow[]) {
  const current = rows.find((r) => r.current && r.week === null);
  const previous = rows.find((r) => !r.current && r.week === null);
  return {
    deployments: current?.deployments ?? 0,
    deployDays: current?.deploy_days ?? 0,
    changes: current?.changes ?? 0,
    failedChanges: current?.failed_changes ?? 0,
    leadTimeCommits: current?.lead_commits ?? 0,
    leadTimeMedianSeconds: round(current?.lead_median ?? null),
    leadTimeP90Seconds: round(current?.lead_p90 ?? null),
    failures: current?.failures ?? 0,
    restored: current?.restored ?? 0,
    restoreMedianSeconds: round(current?.restore_median ?? null),
    weeks: rows.filter((r) => r.current && r.week !== null && (r.changes > 0 || r.failures > 0)).length,
    previousChanges: previous?.changes ?? 0,
  };
}

const round = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
  return { median: at(0.5), p95: at(0.95), min: sorted[0]! };
}

export async function runDoraBenchmark(options: DoraBenchOptions): Promise<BenchResult[]> {
  const { runs: RUNS, keep: KEEP, url: EXISTING_URL, deployments: TARGET_DEPLOYMENTS } = options;
  const results: { name: string; gantry: ReturnType<typeof stats>; hand: ReturnType<typeof stats>; same: boolean }[] = [];
  let dir: string | undefined;
  let server: { connectionString: string; stop(): Promise<void> };
  if (EXISTING_URL) {
    server = { connectionString: EXISTING_URL, stop: async () => undefined };
    log(`DORA benchmark on ${EXISTING_URL}, ${RUNS} timed runs per query`);
  } else {
    dir = await mkdtemp(path.join(os.tmpdir(), "gantry-bench-dora-"));
    const port = await findFreePort();
    log(`DORA benchmark: ~${TARGET_DEPLOYMENTS.toLocaleString("en")} deployments, ${RUNS} timed runs per query (data dir ${dir})`);
    server = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port, persistent: false });
  }
  const client = new pg.Client(server.connectionString);
  try {
    await timed("migrations", () => applyMigrations(server.connectionString));
    await client.connect();
    // An existing database keeps the "now" it was generated at (its last build reached dev right then).
    const latest = (await client.query(`SELECT max("finishedAt") AS at FROM "Deployment" WHERE NOT "isProduction"`)).rows[0].at as Date | null;
    const now = EXISTING_URL && latest ? latest : new Date();
    if (!EXISTING_URL) await generate(client, now, TARGET_DEPLOYMENTS);
    else await timed("VACUUM ANALYZE", () => client.query(`VACUUM ANALYZE`));
    const counts = await client.query(
      `SELECT (SELECT count(*) FROM "Deployment")::int AS deployments, (SELECT count(*) FROM "Deployment" WHERE "isProduction")::int AS prod,
              (SELECT count(*) FROM "ArtifactCommit")::int AS commits, (SELECT count(*) FROM "Incident")::int AS incidents,
              (SELECT count(*) FROM "Analysis")::int AS analyses, pg_size_pretty(pg_database_size(current_database())) AS size`,
    );
    const c = counts.rows[0];
    log(`  rows: ${c.deployments.toLocaleString("en")} deployments (${c.prod.toLocaleString("en")} prod), ${c.commits.toLocaleString("en")} commits, ${c.analyses.toLocaleString("en")} analyses, ${c.incidents.toLocaleString("en")} incidents; database ${c.size}`);

    const db = createDb(server.connectionString);
    const admin: Actor = { kind: "system", name: "bench" };
    // A lead of team-0: viewer on the team, so visibility narrows to its ten services.
    const teamId = (await client.query(`SELECT id FROM "Team" WHERE slug = 'team-0'`)).rows[0].id as string;
    const lead: Actor = { kind: "user", userId: "00000000-0000-0000-0000-000000000000", email: "lead@example.com", name: "Lead", bindings: [{ role: "viewer", scope: { kind: "team", teamId }, via: "direct" }], teamServiceIds: {} };
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const to = day(now);
    const from = day(new Date(now.getTime() - 364 * 86_400_000));
    const cases: Case[] = [
      { name: "one team (10 services), last year", actor: lead, team: "team-0" },
      { name: "everything (200 services), last year", actor: admin },
    ];

    for (const testCase of cases) {
      const filters = { environment: "production", from, to, ...(testCase.team ? { team: testCase.team } : {}) };
      const report = await getDoraReport({ actor: testCase.actor }, filters, { now, db });
      const serviceIds = testCase.team
        ? ((await client.query(`SELECT s.id FROM "Service" s JOIN "Team" t ON t.id = s."teamId" WHERE t.slug = $1`, [testCase.team])).rows.map((r) => r.id) as string[])
        : null;
      const scope: DoraScope = { serviceIds, environments: { kind: "production" } };
      const current: Period = { start: new Date(report.period.start), end: new Date(report.period.end) };
      const previous: Period = { start: new Date(report.previousPeriod.start), end: new Date(report.previousPeriod.end) };
      const hand = handWrittenDoraSql(scope, { current, previous });
      const handRows = (await client.query<HandWrittenRow>(hand.text, hand.values)).rows;
      const ours = numbersOf(report);
      const theirs = numbersOfHandWritten(handRows);
      const same = JSON.stringify(ours) === JSON.stringify(theirs);
      if (!same) log(`  MISMATCH for ${testCase.name}:\n    gantry       ${JSON.stringify(ours)}\n    hand-written ${JSON.stringify(theirs)}`);
      else log(`  ${testCase.name}: ${JSON.stringify(ours)}`);

      const gantryTimes: number[] = [];
      const handTimes: number[] = [];
      for (let run = -2; run < RUNS; run++) {
        // Alternate, so neither side always runs on a cache the other warmed.
        let t0 = performance.now();
        await getDoraReport({ actor: testCase.actor }, filters, { now, db });
        const g = performance.now() - t0;
        t0 = performance.now();
        await client.query(hand.text, hand.values);
        const h = performance.now() - t0;
        if (run >= 0) {
          gantryTimes.push(g);
          handTimes.push(h);
        }
      }
      results.push({ name: testCase.name, gantry: stats(gantryTimes), hand: stats(handTimes), same });
    }
    await db.$disconnect();

    log("");
    log(`load average during the runs (1/5/15 min): ${loadavg().map((l) => l.toFixed(1)).join(" / ")} on ${os.cpus().length} CPUs`);
    const ms = (x: number) => `${x.toFixed(0)} ms`.padStart(8);
    log("");
    log(`| query                                   | gantry median | gantry p95 | hand-written median | hand-written p95 | ratio | same numbers |`);
    log(`|-----------------------------------------|---------------|------------|---------------------|------------------|-------|--------------|`);
    for (const r of results) {
      log(
        `| ${r.name.padEnd(39)} | ${ms(r.gantry.median).padStart(13)} | ${ms(r.gantry.p95).padStart(10)} | ${ms(r.hand.median).padStart(19)} | ${ms(r.hand.p95).padStart(16)} | ${(r.gantry.median / r.hand.median).toFixed(2).padStart(5)} | ${(r.same ? "yes" : "NO").padEnd(12)} |`,
      );
    }
  } finally {
    await client.end().catch(() => undefined);
    if (KEEP) log(`kept the database: ${server.connectionString} (stop it with Ctrl-C)`);
    else {
      await server.stop();
      if (dir) await rm(dir, { recursive: true, force: true });
    }
  }

  return results.map((r) => ({
    benchmark: `DORA over ~${(TARGET_DEPLOYMENTS / 1e6).toFixed(1)} M deployments, ${r.name}: median`,
    measured: `${Math.round(r.gantry.median)} ms (p95 ${Math.round(r.gantry.p95)} ms)${r.same ? "" : ", NUMBERS DIFFER"}`,
    target: `≤ ${DORA_TARGET_MS} ms and ≤ 2× hand-written`,
    baseline: `hand-written SQL median ${Math.round(r.hand.median)} ms (${(r.gantry.median / r.hand.median).toFixed(2)}×)`,
    met: r.same && r.gantry.median <= DORA_TARGET_MS && r.gantry.median <= 2 * r.hand.median,
  }));
}

if (isMain(import.meta.url)) {
  const urlIndex = process.argv.indexOf("--url");
  const options: DoraBenchOptions = {
    deployments: argument("deployments", 1_000_000),
    runs: argument("runs", 15),
    keep: process.argv.includes("--keep"),
    ...(urlIndex >= 0 ? { url: process.argv[urlIndex + 1] } : {}),
  };
  const results = await runDoraBenchmark(options);
  log("");
  log(resultsTable(results));
  if (!options.keep || options.url) process.exit(0);
}
