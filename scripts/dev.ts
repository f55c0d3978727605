// `npm run dev`: embedded PostgreSQL (unless DATABASE_URL), migrations, demo data, then Next.js.
// Ctrl-C stops Next.js and the database; nothing is left running.
import { spawn, type ChildProcess } from "node:child_process";
import { EmbeddedPostgresError, isPortFree } from "../lib/db/embedded-postgres";
import { createDb } from "../lib/db/client";
import { resolveDatabase, type ResolvedDatabase } from "../lib/db/local-database";
import { applyMigrations } from "../lib/db/schema-engine";
import { ensureDevSecrets } from "../lib/dev-secrets";
import { dataDir, env, EnvError, resetEnvCache } from "../lib/env";
import { seedDemoData } from "../lib/seed/demo-data";

process.env.NEXT_TELEMETRY_DISABLED = "1";

let database: ResolvedDatabase | undefined;
let next: ChildProcess | undefined;
let shuttingDown = false;

async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  if (next && next.exitCode === null) {
    next.kill("SIGTERM");
    await new Promise((resolve) => {
      const timer = setTimeout(() => (next?.kill("SIGKILL"), resolve(null)), 5000);
      next?.once("exit", () => (clearTimeout(timer), resolve(null)));
    });
  }
  await database?.stop().catch(() => undefined);
  process.exit(code);
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(0));

async function main() {
  const started = Date.now();
  const config = env();
  if (!(await isPortFree(config.PORT, "0.0.0.0"))) {
    throw new EnvError([{ variable: "PORT", message: `port ${config.PORT} is already in use (is Gantry already running?). Set PORT to another port.` }]);
  }
  await ensureDevSecrets(dataDir(config));
  resetEnvCache();

  database = await resolveDatabase({ shareRunning: false });
  process.env.DATABASE_URL = database.connectionString;
  const applied = await applyMigrations(database.connectionString);
  if (applied.length) console.log(`gantry: applied ${applied.length} migration(s)`);

  if (config.GANTRY_DEMO_DATA) {
    const db = createDb(database.connectionString);
    try {
      const result = await seedDemoData(db);
      if (result.created) console.log("gantry: seeded demo data");
    } finally {
      await db.$disconnect();
    }
  }
  console.log(`gantry: database ready in ${Date.now() - started} ms (${database.embedded ? "embedded PostgreSQL" : "DATABASE_URL"})`);

  next = spawn(process.execPath, [require_next(), "dev", "--port", String(config.PORT)], {
    stdio: "inherit",
    env: { ...process.env, DATABASE_URL: database.connectionString },
  });
  next.on("exit", (code) => void shutdown(code ?? 0));
}

function require_next() {
  return new URL("../node_modules/next/dist/bin/next", import.meta.url).pathname;
}

main().catch(async (error: unknown) => {
  if (error instanceof EnvError || error instanceof EmbeddedPostgresError) console.error(`gantry: ${error.message}`);
  else console.error("gantry: failed to start", error);
  await shutdown(1);
});
