import { replaceDbClient } from "@/lib/db/client";
import { applyMigrations } from "@/lib/db/schema-engine";
import { resetEnvCache } from "@/lib/env";
import { createEmptyDatabase } from "./database";

/**
 * A migrated database of this test file's own, used by the route handlers too. For tests that
 * compare whole-database fingerprints, which other files writing to the shared DB would disturb.
 */
export async function usePrivateDatabase() {
  const database = await createEmptyDatabase();
  await applyMigrations(database.url);
  process.env.DATABASE_URL = database.url;
  resetEnvCache();
  await replaceDbClient(database.url);
  return database;
}
