// `npm run dev`: embedded PostgreSQL (unless DATABASE_URL), migrations, demo data, two sandbox
// Kubernetes clusters (sandbox-east, sandbox-west) and sandbox Prometheus metrics, then Next.js with the worker in-process.
// Ctrl-C stops Next.js and the database; nothing is left running. A SIGKILLed launcher leaves
// postgres behind, which the next `npm run dev` reclaims; Next.js notices and exits by itself.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { EmbeddedPostgresError, isPortFree } from "../lib/db/embedded-postgres";
import { createDb } from "../lib/db/client";
import { resolveDatabase } from "../lib/db/local-database";
import { applyMigrations } from "../lib/db/schema-engine";
import { ensureDevSecrets } from "../lib/dev-secrets";
import { dataDir, env, EnvError, resetEnvCache } from "../lib/env";
import { startDevSandboxCluster, startDevSandboxMetrics } from "../lib/sandbox/dev-sandbox";
import { seedDemoData } from "../lib/seed/demo-data";

process.env.NEXT_TELEMETRY_DISABLED = "1";

/** A failure with a message meant for the person at the terminal (no stack trace). */
class DevError extends Error {}

const SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

// embedded-postgres installs exit hooks that stop postgres and exit the process on these signals,
// racing the orderly shutdown below (Next.js first, then the database): take them over.
for (const signal of SIGNALS) for (const listener of process.listeners(signal)) process.off(signal, listener);

/** What was started, stopped in reverse order on the way out. */
const cleanups: { name: string; stop: () => Promise<void> }[] = [];
let next: ChildProcess | undefined;
let shuttingDown = false;

function say(line: string) {
  console.log(`gantry: ${line}`);
}

async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  if (next && next.exitCode === null && next.signalCode === null) {
    const child = next;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
  }
  for (const cleanup of cleanups.reverse()) {
    await cleanup.stop().catch((error: unknown) => console.error(`gantry: stopping ${cleanup.name} failed:`, error));
  }
  process.exit(code);
}

for (const signal of SIGNALS) {
  process.on(signal, () => {
    if (shuttingDown) return;
    say("stopping…");
    void shutdown(0);
  });
}

async function main() {
  const started = Date.now();
  const config = env();
  if (!(await isPortFree(config.PORT, "0.0.0.0"))) {
    throw new DevError(
      `port ${config.PORT} is already in use (is Gantry already running?). ` +
        `Stop whatever listens there, or pick another port: PORT=${config.PORT + 1} npm run dev`,
    );
  }
  await ensureDevSecrets(dataDir(config));
  resetEnvCache();

  const database = await resolveDatabase({ shareRunning: false, notice: say });
  cleanups.push({ name: "the database", stop: () => database.stop() });
  process.env.DATABASE_URL = database.connectionString;
  const applied = await applyMigrations(database.connectionString);
  if (applied.length) say(`applied ${applied.length} migration(s)`);

  const db = createDb(database.connectionString);
  let prometheusUrl = config.GANTRY_PROMETHEUS_URL;
  try {
    if (config.GANTRY_DEMO_DATA) {
      const result = await seedDemoData(db);
      if (result.created) say("seeded demo data");
    }
    if (config.GANTRY_SANDBOX) {
      // The outside world for development: Gantry reaches both only through their real protocols.
      const sandboxes = await startDevSandboxCluster(db, { dataDir: dataDir(config) });
      cleanups.push({ name: "the sandbox clusters", stop: () => sandboxes.stop() });
      say(`sandbox clusters ${sandboxes.clusters.map((c) => `${c.name} at ${c.url}`).join(", ")}`);
      say(`sandbox kubeconfig ${sandboxes.kubeconfigPath} (one context per cluster: kubectl --kubeconfig ${sandboxes.kubeconfigPath} --context ${sandboxes.clusters.at(-1)?.name} get deployments -A)`);
      if (!prometheusUrl) {
        const metrics = await startDevSandboxMetrics(db, sandboxes);
        cleanups.push({ name: "the sandbox metrics", stop: () => metrics.stop() });
        prometheusUrl = metrics.url;
        say(`sandbox metrics (Prometheus API) at ${metrics.url}`);
      }
    }
  } finally {
    await db.$disconnect();
  }
  const where = database.source === "external" ? "DATABASE_URL" : `embedded PostgreSQL in ${database.connectionString.replace(/\/\/[^@]*@/, "//")}`;
  say(`database ready in ${Date.now() - started} ms (${where})`);

  if (shuttingDown) return;
  next = spawn(
    process.execPath,
    ["--require", fileURLToPath(new URL("./dev-watchdog.cjs", import.meta.url)), fileURLToPath(new URL("../node_modules/next/dist/bin/next", import.meta.url)), "dev", "--port", String(config.PORT)],
    {
      stdio: "inherit",
      env: {
        ...process.env,
        DATABASE_URL: database.connectionString,
        GANTRY_DEV_PARENT_PID: String(process.pid),
        // One process for development: the worker runs inside the web server (instrumentation.ts).
        GANTRY_RUN_WORKER: process.env.GANTRY_RUN_WORKER ?? "true",
        ...(prometheusUrl ? { GANTRY_PROMETHEUS_URL: prometheusUrl } : {}),
      },
    },
  );
  next.on("exit", (code, signal) => {
    if (shuttingDown) return;
    say(`Next.js exited (${signal ?? `code ${code}`}); stopping`);
    void shutdown(code ?? 1);
  });
  say(`open http://localhost:${config.PORT}`);
}

main().catch(async (error: unknown) => {
  if (error instanceof DevError || error instanceof EnvError || error instanceof EmbeddedPostgresError) console.error(`gantry: ${error.message}`);
  else console.error("gantry: failed to start:", error);
  await shutdown(1);
});
