import { getDb, type Db } from "@/lib/db/client";
import { resolveDatabase } from "@/lib/db/local-database";
import { resetEnvCache } from "@/lib/env";

/**
 * Runs `fn` with the database for a CLI command (DATABASE_URL, the embedded one `npm run dev` is
 * running, or an embedded one started for the command), then releases it. Domain verbs use the
 * process-wide client, so it is pointed at the same database.
 */
export async function withDatabase<T>(fn: (db: Db, connectionString: string) => Promise<T>): Promise<T> {
  const database = await resolveDatabase({ shareRunning: true });
  process.env.DATABASE_URL = database.connectionString;
  resetEnvCache();
  const db = getDb();
  try {
    return await fn(db, database.connectionString);
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}
