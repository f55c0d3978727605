import path from "node:path";
import { dataDir, env } from "@/lib/env";
import { embeddedConnectionString, runningServer, startEmbeddedPostgres } from "./embedded-postgres";

export interface ResolvedDatabase {
  connectionString: string;
  /** "external": DATABASE_URL; "embedded": started here; "shared": started by another Gantry process. */
  source: "external" | "embedded" | "shared";
  embedded: boolean;
  stop(): Promise<void>;
}

export function embeddedDataDir() {
  return path.join(dataDir(env()), "postgres");
}

/**
 * DATABASE_URL when set; otherwise the embedded PostgreSQL under GANTRY_DATA_DIR/postgres.
 * With `shareRunning`, a server already started by `npm run dev` is used as it is (the CLI);
 * without it (dev itself), a running one is an error reported by startEmbeddedPostgres.
 */
export async function resolveDatabase(options: { shareRunning: boolean; log?: (line: string) => void; notice?: (line: string) => void }): Promise<ResolvedDatabase> {
  const current = env();
  if (current.DATABASE_URL) {
    return { connectionString: current.DATABASE_URL, source: "external", embedded: false, stop: async () => undefined };
  }
  const dir = embeddedDataDir();
  if (options.shareRunning) {
    const running = await runningServer(dir);
    // The port comes from the running server itself: `npm run dev` may have been given another GANTRY_DB_PORT.
    if (running?.ownerPid !== undefined) {
      return { connectionString: embeddedConnectionString(running.port), source: "shared", embedded: true, stop: async () => undefined };
    }
  }
  const started = await startEmbeddedPostgres({ dataDir: dir, port: current.GANTRY_DB_PORT, persistent: true, log: options.log, notice: options.notice });
  return { connectionString: started.connectionString, source: "embedded", embedded: true, stop: () => started.stop() };
}
