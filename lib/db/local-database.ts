import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { dataDir, env } from "@/lib/env";
import { startEmbeddedPostgres } from "./embedded-postgres";

export interface ResolvedDatabase {
  connectionString: string;
  embedded: boolean;
  stop(): Promise<void>;
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The embedded server another Gantry process (usually `npm run dev`) is running right now. */
async function runningEmbedded(dir: string, port: number): Promise<string | undefined> {
  const owner = Number(await readFile(path.join(dir, "gantry-owner.pid"), "utf8").catch(() => "0"));
  if (!owner || owner === process.pid || !isAlive(owner) || !existsSync(path.join(dir, "postmaster.pid"))) return undefined;
  return `postgresql://gantry:gantry@127.0.0.1:${port}/gantry`;
}

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL under GANTRY_DATA_DIR/postgres.
 * With `shareRunning`, a server already started by `npm run dev` is used as it is (the CLI);
 * without it (dev itself), a running one is an error reported by startEmbeddedPostgres.
 */
export async function resolveDatabase(options: { shareRunning: boolean; log?: (line: string) => void }): Promise<ResolvedDatabase> {
  const current = env();
  if (current.DATABASE_URL) return { connectionString: current.DATABASE_URL, embedded: false, stop: async () => undefined };
  const dir = path.join(dataDir(current), "postgres");
  if (options.shareRunning) {
    const shared = await runningEmbedded(dir, current.GANTRY_DB_PORT);
    if (shared) return { connectionString: shared, embedded: true, stop: async () => undefined };
  }
  const started = await startEmbeddedPostgres({ dataDir: dir, port: current.GANTRY_DB_PORT, persistent: true, log: options.log });
  return { connectionString: started.connectionString, embedded: true, stop: () => started.stop() };
}
