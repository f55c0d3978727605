/**
 * The API under load: 50 connections of a realistic mix against the production build.
 *
 *   npm run bench:api [-- --connections 50 --duration 30 --services 50 --days 365]
 *
 * Starts the standalone server (`npm run build` first) on its own embedded PostgreSQL holding a
 * year of history for 50 services × 4 environments (bench/support/pipeline-history.ts), and drives
 * it with autocannon, authenticated with an admin's API token:
 *
 *   - 50 % board reads: `GET /api/v1/services/{slug}` (one service's pipeline: current artifact,
 *     active and waiting promotions, rollback target per environment);
 *   - 30 % promotion reads: half `GET /api/v1/promotions/{id}`, half `GET /api/v1/promotions?service=`;
 *   - 20 % artifact registrations: `POST /api/v1/artifacts`, a new digest every time.
 *
 * Baselines from the same run: the same requests' SQL sent with `pg` directly (recorded from the
 * database's statement log while the server answered one request of each kind, then replayed by 50
 * clients over a pool of 20 connections, the server's pool size, for as long; writes rolled back),
 * and a static file served by the same Next.js server under the same load (the framework's floor).
 * Benchmarks print; they do not assert.
 */
import { createHash, randomUUID } from "node:crypto";
import autocannon from "autocannon";
import pg from "pg";
import { startBenchApp, type BenchApp } from "./support/bench-app";
import { argument, describeMachine, isMain, loadAverage, log, ms, resultsTable, summary, table, type BenchResult } from "./support/report";
import { BENCH_APPLICATION, replay, type LoggedStatement } from "./support/statement-log";

export interface ApiLoadOptions {
  connections: number;
  durationSeconds: number;
  services: number;
  days: number;
}

export const API_P95_TARGET_MS = 50;

type Kind = "board" | "promotion" | "promotion-list" | "register";
const MIX: { kind: Kind; weight: number }[] = [
  { kind: "board", weight: 0.5 },
  { kind: "promotion", weight: 0.15 },
  { kind: "promotion-list", weight: 0.15 },
  { kind: "register", weight: 0.2 },
];

interface Request {
  kind: Kind;
  method: "GET" | "POST";
  path: string;
  body?: string;
}

function requestFactory(services: { slug: string; imageRepository: string }[], promotionIds: string[]) {
  const run = randomUUID();
  let counter = 0;
  const pick = <T>(list: readonly T[]) => list[Math.floor(Math.random() * list.length)]!;
  const hex = (seed: string, length: number) => createHash("sha256").update(seed).digest("hex").slice(0, length);
  const make = (kind: Kind): Request => {
    const service = pick(services);
    switch (kind) {
      case "board":
        return { kind, method: "GET", path: `/api/v1/services/${service.slug}` };
      case "promotion":
        return { kind, method: "GET", path: `/api/v1/promotions/${pick(promotionIds)}` };
      case "promotion-list":
        return { kind, method: "GET", path: `/api/v1/promotions?service=${service.slug}` };
      case "register": {
        const n = ++counter;
        const now = new Date();
        return {
          kind,
          method: "POST",
          path: "/api/v1/artifacts",
          body: JSON.stringify({
            service: service.slug,
            version: `9.${n}.0-bench`,
            gitSha: hex(`${run}-sha-${n}`, 40),
            commitTime: now.toISOString(),
            image: `${service.imageRepository}@sha256:${hex(`${run}-digest-${n}`, 64)}`,
            commits: [0, 1].map((c) => ({
              sha: hex(`${run}-commit-${n}-${c}`, 40),
              message: `bench change ${n}.${c}`,
              author: { name: "Bench Dev", email: "bench.dev@example.com" },
              time: now.toISOString(),
            })),
            labels: { pipeline: "bench" },
          }),
        };
      }
    }
  };
  const random = (): Request => {
    let x = Math.random();
    for (const m of MIX) {
      if ((x -= m.weight) < 0) return make(m.kind);
    }
    return make("board");
  };
  return { make, random };
}

interface LoadResult {
  latencies: Map<Kind | "all", number[]>;
  /** Requests slower than a second: when they started (seconds into the run) and how long they took. */
  slow: { startedAt: number; took: number }[];
  requests: number;
  errors: number;
  timeouts: number;
  non2xx: number;
  throughput: number;
}

async function load(url: string, headers: Record<string, string>, connections: number, seconds: number, next: () => Request | null): Promise<LoadResult> {
  const latencies = new Map<Kind | "all", number[]>([["all", []]]);
  const slow: { startedAt: number; took: number }[] = [];
  const started = performance.now();
  let instance!: autocannon.Instance;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 30,
    headers,
    requests: [
      {
        setupRequest: (request: autocannon.Request, context: object) => {
          const r = next();
          if (!r) return request;
          (context as { kind?: Kind }).kind = r.kind;
          // Headers are built afresh for every request: autocannon keeps the request object per
          // connection, and a GET that inherits a POST's Content-Length makes the server wait for a
          // body that never comes (it showed up as 6 s "waves" of slow requests in the mix).
          const { body: _previousBody, ...base } = request as autocannon.Request & { body?: unknown };
          return r.body
            ? { ...base, method: r.method, path: r.path, headers: { ...headers, "content-type": "application/json" }, body: r.body }
            : { ...base, method: r.method, path: r.path, headers: { ...headers } };
        },
      },
    ],
    }, (error, result) => (error ? reject(error) : resolve(result)));
  });
  // The response event fires before the client builds its next request, so its context is still this one's.
  instance.on("response", (client: unknown, _status: number, _bytes: number, responseTime: number) => {
    const kind = (client as { requestIterator?: { context?: { kind?: Kind } } }).requestIterator?.context?.kind;
    latencies.get("all")!.push(responseTime);
    if (responseTime > 1000) slow.push({ startedAt: (performance.now() - responseTime - started) / 1000, took: responseTime });
    if (kind) {
      if (!latencies.has(kind)) latencies.set(kind, []);
      latencies.get(kind)!.push(responseTime);
    }
  });
  const result = await finished;
  return { latencies, slow, requests: result.requests.total, errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx, throughput: result.requests.average };
}

/** The captured SQL of each kind of request, replayed by `clients` concurrent clients over a pool of 20 for `seconds`. */
async function replayLoad(connectionString: string, byKind: Map<Kind, LoggedStatement[]>, clients: number, seconds: number) {
  const pool = new pg.Pool({ connectionString, max: 20, application_name: BENCH_APPLICATION });
  const latencies = new Map<Kind | "all", number[]>([["all", []]]);
  let failures = 0;
  const deadline = performance.now() + seconds * 1000;
  const pickKind = () => {
    let x = Math.random();
    for (const m of MIX) if ((x -= m.weight) < 0) return m.kind;
    return "board" as Kind;
  };
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const kind = pickKind();
        const t0 = performance.now();
        const client = await pool.connect();
        try {
          await replay(client, byKind.get(kind)!);
        } catch {
          failures++;
        } finally {
          client.release();
        }
        const took = performance.now() - t0;
        latencies.get("all")!.push(took);
        if (!latencies.has(kind)) latencies.set(kind, []);
        latencies.get(kind)!.push(took);
      }
    }),
  );
  await pool.end();
  return { latencies, failures };
}

async function sequentialReplay(connectionString: string, statements: LoggedStatement[], runs: number) {
  const client = new pg.Client({ connectionString, application_name: BENCH_APPLICATION });
  await client.connect();
  const times: number[] = [];
  try {
    for (let i = -5; i < runs; i++) {
      const t0 = performance.now();
      await replay(client, statements);
      if (i >= 0) times.push(performance.now() - t0);
    }
  } finally {
    await client.end();
  }
  return times;
}

export async function runApiLoad(options: ApiLoadOptions): Promise<BenchResult[]> {
  log(`API under load: ${options.connections} connections, ${options.durationSeconds} s, ${options.services} services × 4 environments, ${options.days} days of history`);
  log(`  machine: ${describeMachine()}`);
  const bench: BenchApp = await startBenchApp({ history: { services: options.services, teams: Math.max(1, Math.round(options.services / 10)), days: options.days, buildsPerDay: 3 } });
  try {
    const { app, db } = bench;
    const services = await db.service.findMany({ where: { slug: { startsWith: "bench-svc-" } }, select: { slug: true, imageRepository: true } });
    const promotionIds = (await db.$queryRaw<{ id: string }[]>`SELECT id FROM "Promotion" ORDER BY random() LIMIT 5000`).map((r) => r.id);
    const factory = requestFactory(services, promotionIds);
    const headers = { authorization: bench.authorization };

    log("  warm-up (10 s, 10 connections)");
    const warm = await load(app.baseUrl, headers, 10, 10, factory.random);
    if (warm.non2xx > 0 || warm.errors > 0) log(`  warm-up: ${warm.non2xx} non-2xx answers, ${warm.errors} errors`);

    // One request of each kind under the statement log: what the server sent to the database.
    const captured = new Map<Kind, LoggedStatement[]>();
    for (const { kind } of MIX) {
      const request = factory.make(kind);
      const { result: status, statements } = await bench.statements.capture(app.databaseUrl, async () => {
        const response = await fetch(`${app.baseUrl}${request.path}`, {
          method: request.method,
          headers: { ...headers, "content-type": "application/json" },
          ...(request.body ? { body: request.body } : {}),
        });
        await response.arrayBuffer();
        return response.status;
      });
      if (status >= 300) throw new Error(`${request.method} ${request.path} answered ${status}`);
      captured.set(kind, statements);
      if (kind === "register") {
        // The replay inserts the same digest again (and rolls back): the original must not be there.
        const digest = /@(sha256:[0-9a-f]{64})/.exec(request.body!)![1]!;
        await db.artifact.deleteMany({ where: { imageDigest: digest } });
      }
    }
    log(`  statements per request: ${[...captured].map(([kind, s]) => `${kind} ${s.length}`).join(", ")}`);
    if (process.argv.includes("--show-sql")) {
      for (const [kind, list] of captured) {
        log(`  ${kind}:`);
        for (const s of list) log(`    [${s.pid}] ${s.text.replace(/\s+/g, " ").slice(0, 220)}`);
      }
    }

    log(`  load: ${options.connections} connections for ${options.durationSeconds} s (load average before: ${loadAverage()})`);
    const main = await load(app.baseUrl, headers, options.connections, options.durationSeconds, factory.random);
    const loadDuring = loadAverage();
    log(`  static floor: GET /favicon.svg, ${options.connections} connections for ${Math.min(15, options.durationSeconds)} s`);
    const floor = await load(`${app.baseUrl}/favicon.svg`, {}, options.connections, Math.min(15, options.durationSeconds), () => null);
    log(`  raw SQL replay: ${options.connections} clients, pool of 20, ${Math.min(15, options.durationSeconds)} s`);
    const sql = await replayLoad(app.databaseUrl, captured, options.connections, Math.min(15, options.durationSeconds));
    const unloaded = new Map<Kind, number[]>();
    for (const [kind, statements] of captured) unloaded.set(kind, await sequentialReplay(app.databaseUrl, statements, 100));

    const apiAll = summary(main.latencies.get("all")!);
    const floorAll = summary(floor.latencies.get("all")!);
    const sqlAll = summary(sql.latencies.get("all")!);
    log("");
    log(`load average during the load (1/5/15 min): ${loadDuring}`);
    log(`API: ${main.requests} requests, ${main.throughput.toFixed(0)} req/s, ${main.errors} errors, ${main.timeouts} timeouts, ${main.non2xx} non-2xx`);
    log(`static floor: ${floor.requests} requests, ${floor.throughput.toFixed(0)} req/s, ${floor.errors + floor.non2xx} errors or non-2xx`);
    log(`raw SQL replay: ${sql.latencies.get("all")!.length} request replays, ${sql.failures} failed`);
    log("");
    const kinds: (Kind | "all")[] = ["all", ...MIX.map((m) => m.kind)];
    log(
      table(
        ["request", "API n", "API p50", "API p95", "API p99", "raw SQL p50 (loaded)", "raw SQL p95 (loaded)", "raw SQL p50 (alone)", "statements"],
        kinds.map((kind) => {
          const api = summary(main.latencies.get(kind) ?? []);
          const replayed = summary(sql.latencies.get(kind) ?? []);
          const alone = kind === "all" ? null : summary(unloaded.get(kind) ?? []);
          return [kind, String(api.n), ms(api.p50), ms(api.p95), ms(api.p99), ms(replayed.p50), ms(replayed.p95), alone ? ms(alone.p50) : "", kind === "all" ? "" : String(captured.get(kind)?.length ?? 0)];
        }),
      ),
    );
    log(`static route GET /favicon.svg: p50 ${ms(floorAll.p50)}, p95 ${ms(floorAll.p95)}, p99 ${ms(floorAll.p99)}`);
    if (main.slow.length > 0) {
      const bySecond = new Map<number, number>();
      for (const s of main.slow) bySecond.set(Math.floor(s.startedAt), (bySecond.get(Math.floor(s.startedAt)) ?? 0) + 1);
      log(`requests over 1 s: ${main.slow.length}, by the second they started in: ${[...bySecond].map(([second, n]) => `${second}s×${n}`).join(" ")}`);
    }
    const errors = main.errors + main.timeouts + main.non2xx;
    return [
      {
        benchmark: `API mix, ${options.connections} connections: p95`,
        measured: `${ms(apiAll.p95)} (p50 ${ms(apiAll.p50)}, p99 ${ms(apiAll.p99)}, ${main.throughput.toFixed(0)} req/s)`,
        target: `≤ ${API_P95_TARGET_MS} ms`,
        baseline: `raw SQL p95 ${ms(sqlAll.p95)}; static route p95 ${ms(floorAll.p95)}`,
        met: apiAll.p95 <= API_P95_TARGET_MS,
      },
      { benchmark: "API mix: errors", measured: `${errors} of ${main.requests}`, target: "0", baseline: `static route: ${floor.errors + floor.non2xx}`, met: errors === 0 },
    ];
  } finally {
    await bench.stop();
  }
}

if (isMain(import.meta.url)) {
  const results = await runApiLoad({
    connections: argument("connections", 50),
    durationSeconds: argument("duration", 30),
    services: argument("services", 50),
    days: argument("days", 365),
  });
  log("");
  log(resultsTable(results));
  process.exit(0);
}
