import { createDb, type Db } from "@/lib/db/client";
import { resolveDatabase } from "@/lib/db/local-database";

/** Runs `fn` with a database for a CLI command, then releases it (and an embedded server it started). */
export async function withDatabase<T>(fn: (db: Db, connectionString: string) => Promise<T>): Promise<T> {
  const database = await resolveDatabase({ shareRunning: true });
  const db = createDb(database.connectionString);
  try {
    return await fn(db, database.connectionString);
  } finally {
    await db.$disconnect();
    await database.stop();
  }
}
