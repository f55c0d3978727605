/**
 * Every benchmark in turn, then one summary table (see BENCHMARKS.md).
 *
 *   npm run bench                    # all: api, board, rollback, dora, judge, metrics
 *   npm run bench -- --only api,board
 *
 * Each one also runs alone: `npm run bench:api`, `bench:board`, `bench:rollback`, `bench:dora`,
 * `bench:judge`, `bench:metrics`. api, board and rollback need a production build (`npm run build`). The numbers
 * depend on the machine and on whatever else it runs: the load average is printed with them.
 * Benchmarks print; they do not assert.
 */
import { runApiLoad } from "./api-load";
import { runBoardRender } from "./board-render";
import { runDoraBenchmark } from "./dora-1m";
import { runJudgeAccuracy } from "./judge-accuracy";
import { runMetricsScrape } from "./metrics-scrape";
import { runRollbackLatency } from "./rollback-latency";
import { describeMachine, loadAverage, log, resultsTable, type BenchResult } from "./support/report";

const BENCHMARKS: Record<string, () => Promise<BenchResult[]>> = {
  api: () => runApiLoad({ connections: 50, durationSeconds: 30, services: 50, days: 365 }),
  board: () => runBoardRender({ runs: 100, services: 50, days: 365 }),
  rollback: () => runRollbackLatency({ rollbacks: 30, modes: ["in-process", "separate"] }),
  dora: () => runDoraBenchmark({ deployments: 1_000_000, runs: 15, keep: false }),
  judge: () => runJudgeAccuracy(),
  metrics: () => runMetricsScrape({ promotions: 1_000_000, jobs: 200_000, runs: 30 }),
};

const onlyIndex = process.argv.indexOf("--only");
const selected = onlyIndex >= 0 ? process.argv[onlyIndex + 1]!.split(",") : Object.keys(BENCHMARKS);
const unknown = selected.filter((name) => !BENCHMARKS[name]);
if (unknown.length) {
  log(`unknown benchmark ${unknown.join(", ")}; choose from ${Object.keys(BENCHMARKS).join(", ")}`);
  process.exit(2);
}

const started = new Date();
const results: BenchResult[] = [];
const loads: string[] = [];
for (const name of selected) {
  log(`\n=== ${name} ===`);
  const t0 = performance.now();
  try {
    results.push(...(await BENCHMARKS[name]!()));
  } catch (error) {
    log(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    results.push({ benchmark: name, measured: "failed (see above)", target: "", baseline: "", met: false });
  }
  loads.push(`${name} ${loadAverage()}`);
  log(`=== ${name}: ${((performance.now() - t0) / 1000).toFixed(0)} s ===`);
}

log("");
log(`Summary — ${started.toISOString()}; ${describeMachine()}`);
log(`load average (1/5/15 min) after each: ${loads.join("; ")}`);
log("");
log(resultsTable(results));
process.exit(0);
