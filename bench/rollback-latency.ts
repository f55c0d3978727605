/**
 * One-click rollback: from the POST to the PATCH arriving at the Kubernetes API server.
 *
 *   npm run bench:rollback [-- --rollbacks 30 --worker both|in-process|separate]
 *
 * Starts the standalone server (`npm run build` first) with the demo data and the sandbox
 * Kubernetes API server of `npm run dev` (the demo environments' Deployments live there), and the
 * background worker either inside the web process (GANTRY_RUN_WORKER=true) or as its own
 * `npm run worker` process, as production runs it. Then, one at a time across the demo
 * environments, it posts `POST /api/v1/environments/{id}/rollback` and reads, from the sandbox
 * server's request log, when the strategic-merge PATCH of that environment's Deployment arrived:
 * the product is not instrumented. Each rollout is left to finish before the next rollback.
 * Baseline from the same run: the POST's own round trip (the synchronous part: checks, the
 * transaction, the enqueue). Benchmarks print; they do not assert.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { startBenchApp } from "./support/bench-app";
import { argument, describeMachine, isMain, loadAverage, log, ms, resultsTable, summary, type BenchResult } from "./support/report";

export type WorkerMode = "in-process" | "separate";

export interface RollbackOptions {
  rollbacks: number;
  modes: WorkerMode[];
}

export const ROLLBACK_P95_TARGET_MS = 300;
const ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64");
const ROOT = path.resolve(import.meta.dirname, "..");
const now = () => performance.timeOrigin + performance.now();
const sleep = (msec: number) => new Promise((resolve) => setTimeout(resolve, msec));

async function startWorker(databaseUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/worker.ts")], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: "production", DATABASE_URL: databaseUrl, GANTRY_ENCRYPTION_KEY: ENCRYPTION_KEY, GANTRY_ROLLOUT_TIMEOUT_SECONDS: "60" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const collect = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 50) output.shift();
  };
  child.stdout!.on("data", collect);
  child.stderr!.on("data", collect);
  // Ready when pg-boss has its queues: a worker that has not started yet would add its start-up to the first rollback.
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`the worker exited:\n${output.join("")}`);
    if (/worker (started|ready)|listening|queues/i.test(output.join(""))) break;
    await sleep(100);
  }
  await sleep(2000);
  return child;
}

async function measure(mode: WorkerMode, rollbacks: number) {
  log(`  worker ${mode}: starting the server, the sandbox cluster and the demo data`);
  const bench = await startBenchApp({
    seed: true,
    sandbox: true,
    env: { GANTRY_ENCRYPTION_KEY: ENCRYPTION_KEY, GANTRY_RUN_WORKER: mode === "in-process" ? "true" : "false" },
  });
  let worker: ChildProcess | undefined;
  try {
    if (mode === "separate") worker = await startWorker(bench.app.databaseUrl);
    else await sleep(2000);
    const sandbox = bench.app.sandbox!;
    const environments = await bench.db.environment.findMany({
      where: { service: { slug: { not: { startsWith: "bench-" } } } },
      select: { id: true, name: true, namespace: true, workloadName: true, service: { select: { slug: true } } },
      orderBy: [{ service: { slug: "asc" } }, { position: "asc" }],
    });
    const headers = { authorization: bench.authorization, "content-type": "application/json" };
    const latencies: number[] = [];
    const posts: number[] = [];
    /** POST answered → the worker claimed the promotion (its startedAt), and claimed → PATCH. */
    const pickups: number[] = [];
    const preparations: number[] = [];
    let refused = 0;
    for (let attempt = 0; latencies.length < rollbacks && attempt < rollbacks * 4; attempt++) {
      const environment = environments[attempt % environments.length]!;
      const target = `/namespaces/${environment.namespace}/deployments/${environment.workloadName}`;
      const t0 = now();
      const response = await fetch(`${bench.app.baseUrl}/api/v1/environments/${environment.id}/rollback`, {
        method: "POST",
        headers,
        body: JSON.stringify({ reason: `bench rollback ${attempt}` }),
      });
      const tPost = now();
      const body = (await response.json()) as { promotion?: { id: string }; error?: { code: string; message: string } };
      if (response.status !== 202 || !body.promotion) {
        refused++;
        if (refused <= 3) log(`    ${environment.service.slug}/${environment.name}: ${response.status} ${body.error?.code ?? ""} ${body.error?.message ?? ""}`);
        continue;
      }
      let patchAt: number | undefined;
      for (const deadline = now() + 30_000; patchAt === undefined && now() < deadline; ) {
        for (const cluster of sandbox.clusters) {
          const record = cluster.requests.find((r) => r.method === "PATCH" && r.receivedAt >= t0 && r.path.endsWith(target));
          if (record) patchAt = record.receivedAt;
        }
        if (patchAt === undefined) await sleep(5);
      }
      if (patchAt === undefined) {
        log(`    ${environment.service.slug}/${environment.name}: no PATCH within 30 s`);
        continue;
      }
      latencies.push(patchAt - t0);
      posts.push(tPost - t0);
      const claimed = await bench.db.promotion.findUnique({ where: { id: body.promotion.id }, select: { startedAt: true } });
      if (claimed?.startedAt) {
        pickups.push(claimed.startedAt.getTime() - tPost);
        preparations.push(patchAt - claimed.startedAt.getTime());
      }
      // Let this rollout finish so the next rollback does not queue behind it.
      for (const deadline = now() + 60_000; now() < deadline; ) {
        const promotion = (await (await fetch(`${bench.app.baseUrl}/api/v1/promotions/${body.promotion.id}`, { headers })).json()) as { promotion?: { status: string } };
        if (!["Queued", "Deploying"].includes(promotion.promotion?.status ?? "")) break;
        await sleep(250);
      }
    }
    return { mode, latencies, posts, pickups, preparations, refused };
  } finally {
    if (worker && worker.exitCode === null) {
      const exited = new Promise((resolve) => worker!.once("exit", resolve));
      worker.kill("SIGTERM");
      await Promise.race([exited, sleep(15_000)]);
      if (worker.exitCode === null) worker.kill("SIGKILL");
    }
    await bench.stop();
  }
}

export async function runRollbackLatency(options: RollbackOptions): Promise<BenchResult[]> {
  log(`Rollback latency: ${options.rollbacks} rollbacks per worker mode (${options.modes.join(", ")})`);
  log(`  machine: ${describeMachine()}`);
  const results: BenchResult[] = [];
  for (const mode of options.modes) {
    const run = await measure(mode, options.rollbacks);
    const latency = summary(run.latencies);
    const post = summary(run.posts);
    log(`  worker ${mode}: ${run.latencies.length} rollbacks (${run.refused} refused), POST → PATCH p50 ${ms(latency.p50)}, p95 ${ms(latency.p95)}, max ${ms(latency.max)}; POST answered p50 ${ms(post.p50)}, p95 ${ms(post.p95)}; load average ${loadAverage()}`);
    const pickup = summary(run.pickups);
    const preparation = summary(run.preparations);
    log(`    of which: POST answered → worker claimed p50 ${ms(pickup.p50)}, p95 ${ms(pickup.p95)}; claimed → PATCH p50 ${ms(preparation.p50)}, p95 ${ms(preparation.p95)} (database clock, millisecond resolution)`);
    results.push({
      benchmark: `Rollback POST → PATCH at the cluster (worker ${mode}): p95`,
      measured: `${ms(latency.p95)} (p50 ${ms(latency.p50)}, n ${latency.n})`,
      target: `≤ ${ROLLBACK_P95_TARGET_MS} ms`,
      baseline: `the POST's round trip p95 ${ms(post.p95)} (p50 ${ms(post.p50)})`,
      met: latency.n > 0 && latency.p95 <= ROLLBACK_P95_TARGET_MS,
    });
  }
  return results;
}

if (isMain(import.meta.url)) {
  const worker = process.argv.includes("--worker") ? process.argv[process.argv.indexOf("--worker") + 1] : "both";
  const modes: WorkerMode[] = worker === "both" ? ["in-process", "separate"] : [worker as WorkerMode];
  const results = await runRollbackLatency({ rollbacks: argument("rollbacks", 30), modes });
  log("");
  log(resultsTable(results));
  process.exit(0);
}
