/**
 * The pipeline board page, server-rendered, with 50 services × 4 environments and a year of history.
 *
 *   npm run bench:board [-- --runs 100 --services 50 --days 365]
 *
 * Starts the standalone server (`npm run build` first) on its own embedded PostgreSQL holding the
 * generated history (bench/support/pipeline-history.ts) and requests `/` as a signed-in global
 * admin, one request at a time, reading the whole streamed body: p50/p95 over `--runs` renders
 * after a warm-up. Counts the SQL statements one render sends (from the database's statement log),
 * and, as the baseline from the same run, replays exactly those statements with `pg` directly.
 * Benchmarks print; they do not assert (test/integration/pipeline-board.test.ts asserts that the
 * query count does not grow with the number of services).
 */
import pg from "pg";
import { startBenchApp } from "./support/bench-app";
import { argument, describeMachine, isMain, loadAverage, log, ms, resultsTable, summary, type BenchResult } from "./support/report";
import { BENCH_APPLICATION, replay } from "./support/statement-log";

export interface BoardRenderOptions {
  runs: number;
  services: number;
  days: number;
}

export const BOARD_P95_TARGET_MS = 150;

export async function runBoardRender(options: BoardRenderOptions): Promise<BenchResult[]> {
  log(`Pipeline board page: ${options.services} services × 4 environments, ${options.days} days of history, ${options.runs} renders`);
  log(`  machine: ${describeMachine()}`);
  const bench = await startBenchApp({ history: { services: options.services, teams: Math.max(1, Math.round(options.services / 10)), days: options.days, buildsPerDay: 3 } });
  try {
    const { app } = bench;
    const render = async () => {
      const t0 = performance.now();
      const response = await fetch(`${app.baseUrl}/`, { headers: { cookie: bench.cookie }, redirect: "manual" });
      const html = await response.text();
      const took = performance.now() - t0;
      if (response.status !== 200) throw new Error(`GET / answered ${response.status}`);
      return { took, html };
    };
    for (let i = 0; i < 10; i++) await render();
    const { html } = await render();
    const shown = options.services > 0 ? html.includes(`bench-svc-${options.services - 1}`) : true;
    log(`  page: ${(html.length / 1024).toFixed(0)} KiB of HTML; last service on the page: ${shown ? "yes" : "NO"}`);

    const counts: number[] = [];
    let captured: Awaited<ReturnType<typeof bench.statements.capture>>["statements"] = [];
    for (let i = 0; i < 3; i++) {
      const { statements } = await bench.statements.capture(app.databaseUrl, render);
      counts.push(statements.length);
      captured = statements;
    }
    log(`  SQL statements per render: ${counts.join(", ")}`);
    if (process.argv.includes("--show-sql")) for (const s of captured) log(`    [${s.pid}] ${s.text.replace(/\s+/g, " ").slice(0, 200)}`);

    log(`  timing ${options.runs} renders (load average before: ${loadAverage()})`);
    const times: number[] = [];
    for (let i = 0; i < options.runs; i++) times.push((await render()).took);
    const loadDuring = loadAverage();

    const client = new pg.Client({ connectionString: app.databaseUrl, application_name: BENCH_APPLICATION });
    await client.connect();
    const sqlTimes: number[] = [];
    try {
      for (let i = -5; i < options.runs; i++) {
        const t0 = performance.now();
        await replay(client, captured);
        if (i >= 0) sqlTimes.push(performance.now() - t0);
      }
    } finally {
      await client.end();
    }
    const page = summary(times);
    const sql = summary(sqlTimes);
    log("");
    log(`load average during the renders (1/5/15 min): ${loadDuring}`);
    log(`GET / : p50 ${ms(page.p50)}, p95 ${ms(page.p95)}, p99 ${ms(page.p99)}, max ${ms(page.max)}`);
    log(`its SQL alone (${captured.length} statements, one connection, in order): p50 ${ms(sql.p50)}, p95 ${ms(sql.p95)}`);
    return [
      {
        benchmark: `Board page, ${options.services} services × 4 envs, 1 year: p95`,
        measured: `${ms(page.p95)} (p50 ${ms(page.p50)})`,
        target: `≤ ${BOARD_P95_TARGET_MS} ms`,
        baseline: `its SQL alone p95 ${ms(sql.p95)} (p50 ${ms(sql.p50)})`,
        met: page.p95 <= BOARD_P95_TARGET_MS,
      },
      {
        benchmark: "Board page: SQL statements per render",
        measured: String(counts[counts.length - 1]),
        target: "constant in services (test)",
        baseline: `renders counted: ${counts.join(", ")}`,
        met: new Set(counts).size === 1,
      },
    ];
  } finally {
    await bench.stop();
  }
}

if (isMain(import.meta.url)) {
  const results = await runBoardRender({ runs: argument("runs", 100), services: argument("services", 50), days: argument("days", 365) });
  log("");
  log(resultsTable(results));
  process.exit(0);
}
