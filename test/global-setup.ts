import { mkdtemp } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { findFreePort, startEmbeddedPostgres, type EmbeddedDatabase } from "../lib/db/embedded-postgres";
import { applyMigrations } from "../lib/db/schema-engine";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    adminDatabaseUrl: string;
  }
}

let database: EmbeddedDatabase | undefined;

/**
 * One throwaway PostgreSQL for the whole run (or the one in TEST_DATABASE_URL): migrated once;
 * test files create the rows they need with unique names. Tests that need an empty database
 * create their own with test/helpers/database.ts.
 */
export async function setup(project: TestProject) {
  let url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const dir = await mkdtemp(path.join(os.tmpdir(), "gantry-test-"));
    database = await startEmbeddedPostgres({ dataDir: path.join(dir, "pg"), port: await findFreePort(), persistent: false });
    url = database.connectionString;
  }
  await applyMigrations(url);
  project.provide("databaseUrl", url);
  const admin = new URL(url);
  admin.pathname = "/postgres";
  project.provide("adminDatabaseUrl", admin.toString());
}

export async function teardown() {
  await database?.stop();
}
