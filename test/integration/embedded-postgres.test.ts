import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import {
  EmbeddedPostgresError,
  findFreePort,
  isProcessAlive as isAlive,
  OWNER_FILE,
  runningServer,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from "@/lib/db/embedded-postgres";

const FIXTURE = path.resolve(import.meta.dirname, "../fixtures/embedded-postgres-owner.ts");
const EXIT_FIXTURE = path.resolve(import.meta.dirname, "../fixtures/embedded-postgres-exit.ts");

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
});

async function tempDataDir() {
  const root = await mkdtemp(path.join(os.tmpdir(), "gantry-embedded-"));
  cleanups.push(() => rm(root, { recursive: true, force: true }));
  return path.join(root, "postgres");
}

async function start(dataDir: string, port: number, extra: { notice?: (line: string) => void } = {}) {
  const database = await startEmbeddedPostgres({ dataDir, port, persistent: true, ...extra });
  cleanups.push(() => database.stop());
  return database;
}

async function query(database: Pick<EmbeddedDatabase, "connectionString">, sql: string) {
  const client = new pg.Client(database.connectionString);
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

/** Another process owning a server on dataDir, as `npm run dev` would. */
async function startOwnerProcess(dataDir: string, port: number) {
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", FIXTURE, dataDir, String(port)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once("line", resolve);
    child.once("exit", (code) => reject(new Error(`owner process exited early (code ${code})`)));
  });
  const report = JSON.parse(first) as { postgresPid: number; connectionString: string };
  cleanups.push(async () => {
    if (isAlive(report.postgresPid)) process.kill(report.postgresPid, "SIGKILL");
  });
  return { child, ...report };
}

/** Runs the exit fixture; resolves with its first stdout line (if any) and its exit. */
function runExitFixture(dataDir: string, port: number, mode: string) {
  const child = spawn(process.execPath, ["--import", "tsx", EXIT_FIXTURE, dataDir, String(port), mode], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  cleanups.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const firstLine = new Promise<string | undefined>((resolve) => {
    createInterface({ input: child.stdout }).once("line", resolve);
    void exit.then(() => resolve(undefined));
  });
  return { child, exit, firstLine };
}

describe("embedded PostgreSQL lifecycle", () => {
  it("keeps data between runs of a persistent cluster", async () => {
    const dataDir = await tempDataDir();
    const port = await findFreePort();
    const first = await start(dataDir, port);
    await query(first, "CREATE TABLE kept (note text); INSERT INTO kept VALUES ('survives a restart')");
    await first.stop();
    expect(existsSync(path.join(dataDir, "postmaster.pid"))).toBe(false);
    expect(existsSync(path.join(dataDir, OWNER_FILE))).toBe(false);

    const second = await start(dataDir, port);
    expect(await query(second, "SELECT note FROM kept")).toEqual([{ note: "survives a restart" }]);
  });

  it("refuses a data directory whose server belongs to another live Gantry process, naming that process", async () => {
    const dataDir = await tempDataDir();
    const owner = await startOwnerProcess(dataDir, await findFreePort());

    const attempt = startEmbeddedPostgres({ dataDir, port: await findFreePort(), persistent: true });
    await expect(attempt).rejects.toBeInstanceOf(EmbeddedPostgresError);
    await expect(attempt).rejects.toThrow(`already in use by another Gantry process (pid ${owner.child.pid})`);
    // The owner's server was left alone.
    expect(await query(owner, "SELECT note FROM kept")).toEqual([{ note: "written by the owner" }]);
  });

  it("explains a busy port instead of failing obscurely", async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((resolve) => blocker.close(resolve)));
    const port = (blocker.address() as net.AddressInfo).port;

    const attempt = startEmbeddedPostgres({ dataDir: await tempDataDir(), port, persistent: true });
    await expect(attempt).rejects.toBeInstanceOf(EmbeddedPostgresError);
    await expect(attempt).rejects.toThrow(`Port ${port} is already in use`);
    await expect(attempt).rejects.toThrow("GANTRY_DB_PORT");
  });

  it("shuts down a server orphaned by a killed owner and takes over its data", async () => {
    const dataDir = await tempDataDir();
    const port = await findFreePort();
    const owner = await startOwnerProcess(dataDir, port);
    const ownerExited = new Promise((resolve) => owner.child.once("exit", resolve));
    owner.child.kill("SIGKILL");
    await ownerExited;
    // kill -9 gives the owner no chance to stop postgres: it is still running, now without an owner.
    expect(isAlive(owner.postgresPid)).toBe(true);
    expect(await runningServer(dataDir)).toEqual({ postgresPid: owner.postgresPid, port, ownerPid: undefined });

    const notices: string[] = [];
    const database = await start(dataDir, port, { notice: (line) => notices.push(line) });
    expect(isAlive(owner.postgresPid)).toBe(false);
    expect(notices.join("\n")).toContain(`orphaned PostgreSQL (pid ${owner.postgresPid})`);
    expect(await query(database, "SELECT note FROM kept")).toEqual([{ note: "written by the owner" }]);
    expect((await runningServer(dataDir))?.ownerPid).toBe(process.pid);
  });

  it("never signals an unrelated process whose pid a stale postmaster.pid happens to name", async () => {
    const dataDir = await tempDataDir();
    const port = await findFreePort();
    const first = await start(dataDir, port);
    await first.stop();
    // As after a reboot: postmaster.pid survives and its pid now belongs to someone else (here: us).
    await writeFile(path.join(dataDir, "postmaster.pid"), `${process.pid}\n${dataDir}\n0\n${port}\n\n127.0.0.1\n0 0\nready\n`);

    const database = await start(dataDir, port);
    expect(await query(database, "SELECT 1 AS ok")).toEqual([{ ok: 1 }]);
  });

  it("runs postgres in a process group of its own, so a Ctrl-C meant for its owner does not reach it first", async () => {
    const dataDir = await tempDataDir();
    await start(dataDir, await findFreePort());
    const server = await runningServer(dataDir);
    const processGroup = (pid: number) => {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
    };
    expect(processGroup(server!.postgresPid)).toBe(server!.postgresPid);
    expect(processGroup(server!.postgresPid)).not.toBe(processGroup(process.pid));
  });

  it("stops cleanly even when postgres already went away on its own", async () => {
    const dataDir = await tempDataDir();
    const database = await start(dataDir, await findFreePort());
    const server = await runningServer(dataDir);
    expect(server).toBeDefined();
    process.kill(server!.postgresPid, "SIGINT");
    await expect.poll(() => isAlive(server!.postgresPid), { timeout: 15_000 }).toBe(false);

    await database.stop();
    expect(existsSync(path.join(dataDir, OWNER_FILE))).toBe(false);
  });

  it("deletes a throwaway cluster on stop", async () => {
    const dataDir = await tempDataDir();
    const database = await startEmbeddedPostgres({ dataDir, port: await findFreePort(), persistent: false });
    expect(existsSync(path.join(dataDir, "PG_VERSION"))).toBe(true);
    await database.stop();
    expect(existsSync(dataDir)).toBe(false);
  });

  describe("how the owning process ends", () => {
    it("keeps the exit code the process set (a failing test run must not exit 0)", async () => {
      const run = runExitFixture(await tempDataDir(), await findFreePort(), "exit-code");
      expect(await run.exit).toEqual({ code: 3, signal: null });
    });

    it("stops its server when the process exits without calling stop()", async () => {
      const run = runExitFixture(await tempDataDir(), await findFreePort(), "exit-without-stop");
      const { postgresPid } = JSON.parse((await run.firstLine)!) as { postgresPid: number };
      expect(await run.exit).toEqual({ code: 0, signal: null });
      await expect.poll(() => isAlive(postgresPid), { timeout: 15_000 }).toBe(false);
    });

    it("stops its server and exits on SIGTERM when the process has no handler of its own", async () => {
      const dataDir = await tempDataDir();
      const run = runExitFixture(dataDir, await findFreePort(), "signal");
      const { postgresPid } = JSON.parse((await run.firstLine)!) as { postgresPid: number };
      run.child.kill("SIGTERM");
      expect(await run.exit).toEqual({ code: 128 + 15, signal: null });
      expect(isAlive(postgresPid)).toBe(false);
      expect(existsSync(path.join(dataDir, "postmaster.pid"))).toBe(false);
    });
  });
});
