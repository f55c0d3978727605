import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createDb } from "../../lib/db/client";
import { findFreePort, startEmbeddedPostgres, type EmbeddedDatabase } from "../../lib/db/embedded-postgres";
import { applyMigrations } from "../../lib/db/schema-engine";
import { resetEnvCache } from "../../lib/env";
import type { DevSandboxes } from "../../lib/sandbox/cluster/dev";
import { startDevSandboxCluster } from "../../lib/sandbox/dev-sandbox";
import { seedDemoData } from "../../lib/seed/demo-data";

export interface StandaloneApp {
  baseUrl: string;
  databaseUrl: string;
  /** The sandbox clusters, when started with `sandbox` (their request logs show what reached them). */
  sandbox?: DevSandboxes;
  /** Sends a signal to the server process alone; resolves with its exit code, or the signal that ended it. */
  signalServer(signal: NodeJS.Signals): Promise<number | string | null>;
  stop(): Promise<void>;
}

export interface StandaloneAppOptions {
  /** Seed the demo data set into the fresh database. */
  seed?: boolean;
  /**
   * Make promotions run for real (needs `seed`): the two sandbox Kubernetes APIs of `npm run dev`
   * (sandbox-east, sandbox-west) with the seeded Deployments, the seeded Cluster records pointed at
   * them, and the worker inside the server.
   */
  sandbox?: boolean;
  /** Extra (or overriding) environment variables for the server process. */
  env?: Record<string, string>;
  /** Receives the database server's log output (benchmarks count statements with log_statement). */
  databaseLog?: (text: string) => void;
}

const ROOT = path.resolve(import.meta.dirname, "../..");
const STANDALONE_DIR = path.join(ROOT, ".next", "standalone");
const SERVER = path.join(STANDALONE_DIR, "server.js");
const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;
const ENCRYPTION_KEY = Buffer.alloc(32, 11).toString("base64");

/**
 * Runs the production build (`.next/standalone/server.js`, from `npm run build`) on a free port
 * against its own throwaway, migrated embedded PostgreSQL — what the Docker image runs, minus
 * Docker. `stop()` ends the server and the database and removes the data.
 */
export async function startStandaloneApp(options: StandaloneAppOptions = {}): Promise<StandaloneApp> {
  if (!existsSync(SERVER)) {
    throw new Error(`No production build: ${path.relative(ROOT, SERVER)} is missing. Run \`npm run build\` first.`);
  }
  await copyAssets();

  const tempDir = await mkdtemp(path.join(os.tmpdir(), "gantry-standalone-"));
  let database: EmbeddedDatabase | undefined;
  let sandbox: DevSandboxes | undefined;
  let server: ChildProcess | undefined;
  const output: string[] = [];

  const stop = once(async () => {
    process.removeListener("exit", killServerNow);
    if (server) await stopProcess(server);
    await sandbox?.stop();
    await database?.stop();
    await rm(tempDir, { recursive: true, force: true });
  });
  // If the test runner exits without tearing down, at least the server must not outlive it;
  // embedded-postgres stops its own cluster on exit.
  const killServerNow = () => server?.kill("SIGKILL");
  process.once("exit", killServerNow);

  try {
    database = await startEmbeddedPostgres({
      dataDir: path.join(tempDir, "pg"),
      port: await findFreePort(),
      persistent: false,
      ...(options.databaseLog ? { log: options.databaseLog } : {}),
    });
    await applyMigrations(database.connectionString);
    if (options.seed || options.sandbox) {
      const db = createDb(database.connectionString);
      try {
        if (options.seed) await seedDemoData(db);
        if (options.sandbox) sandbox = await startSandbox(db, path.join(tempDir, "sandbox"), options.env?.GANTRY_ENCRYPTION_KEY ?? ENCRYPTION_KEY);
      } finally {
        await db.$disconnect();
      }
    }

    const port = await findFreePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [SERVER], {
      cwd: STANDALONE_DIR,
      env: {
        ...process.env,
        NODE_ENV: "production",
        NEXT_TELEMETRY_DISABLED: "1",
        HOSTNAME: "127.0.0.1",
        PORT: String(port),
        DATABASE_URL: database.connectionString,
        NEXTAUTH_URL: baseUrl,
        NEXTAUTH_SECRET: "standalone-test-secret-0123456789abcdef",
        GANTRY_ENCRYPTION_KEY: ENCRYPTION_KEY,
        ...(options.sandbox ? { GANTRY_RUN_WORKER: "true", GANTRY_ROLLOUT_TIMEOUT_SECONDS: "60" } : {}),
        ...options.env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const collect = (chunk: Buffer) => {
      const text = chunk.toString();
      if (process.env.GANTRY_STANDALONE_LOG) process.stderr.write(text);
      output.push(text);
      if (output.length > 200) output.shift();
    };
    server.stdout?.on("data", collect);
    server.stderr?.on("data", collect);

    await waitUntilReady(baseUrl, server, output);
    const child = server;
    const exited = new Promise<number | string | null>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)));
    const signalServer = (signal: NodeJS.Signals) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    };
    return { baseUrl, databaseUrl: database.connectionString, ...(sandbox ? { sandbox } : {}), signalServer, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/**
 * The sandbox clusters of `npm run dev`, for this app only (their state under `dataDir`). The
 * cluster tokens are sealed with the server's encryption key, which this process borrows for the call.
 */
async function startSandbox(db: ReturnType<typeof createDb>, dataDir: string, encryptionKey: string) {
  const previous = process.env.GANTRY_ENCRYPTION_KEY;
  process.env.GANTRY_ENCRYPTION_KEY = encryptionKey;
  resetEnvCache();
  try {
    return await startDevSandboxCluster(db, { dataDir });
  } finally {
    if (previous === undefined) delete process.env.GANTRY_ENCRYPTION_KEY;
    else process.env.GANTRY_ENCRYPTION_KEY = previous;
    resetEnvCache();
  }
}

/** The standalone server serves only what sits next to it: Next leaves these two for us to copy. */
async function copyAssets() {
  await cp(path.join(ROOT, ".next", "static"), path.join(STANDALONE_DIR, ".next", "static"), { recursive: true, force: true });
  if (existsSync(path.join(ROOT, "public"))) {
    await cp(path.join(ROOT, "public"), path.join(STANDALONE_DIR, "public"), { recursive: true, force: true });
  }
}

async function waitUntilReady(baseUrl: string, server: ChildProcess, output: string[]) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastProblem = "no answer yet";
  while (Date.now() < deadline) {
    if (server.exitCode !== null || server.signalCode !== null) {
      throw new Error(`The standalone server exited (${server.exitCode ?? server.signalCode}) before it was ready:\n${output.join("")}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
      lastProblem = `/api/health answered ${response.status}: ${(await response.text()).slice(0, 500)}`;
    } catch (error) {
      lastProblem = error instanceof Error ? error.message : String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The standalone server was not ready within ${READY_TIMEOUT_MS / 1000}s (${lastProblem}):\n${output.join("")}`);
}

async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), STOP_TIMEOUT_MS);
  await exited;
  clearTimeout(timer);
}

function once<T>(fn: () => Promise<T>): () => Promise<T> {
  let result: Promise<T> | undefined;
  return () => (result ??= fn());
}
