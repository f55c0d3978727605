import { readdir } from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/lib/db/client";

export type Readiness =
  | { status: "ready"; migrations: { applied: number; expected: number | null } }
  | { status: "not_ready"; reason: string; pending?: string[] };

interface MigrationRow {
  migration_name: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Pure decision: ready when every shipped migration has finished (and none is half-applied).
 * `shipped` empty means the image has no migrations directory: then any finished migration and
 * no failed one is accepted, as the app cannot know what it was built with.
 */
export function decideReadiness(shipped: string[], rows: MigrationRow[]): Readiness {
  const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null).map((r) => r.migration_name);
  if (failed.length > 0) return { status: "not_ready", reason: `migration not finished (failed or running): ${failed.join(", ")}` };
  const finished = new Set(rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => r.migration_name));
  if (shipped.length === 0) {
    return finished.size > 0
      ? { status: "ready", migrations: { applied: finished.size, expected: null } }
      : { status: "not_ready", reason: "no migrations applied" };
  }
  const pending = shipped.filter((name) => !finished.has(name));
  if (pending.length > 0) return { status: "not_ready", reason: `${pending.length} migration(s) not applied`, pending };
  return { status: "ready", migrations: { applied: finished.size, expected: shipped.length } };
}

/**
 * Names of the migrations shipped with the app (prisma/migrations/<name>/), as
 * lib/db/schema-engine.ts's readMigrationsList() lists them. Not imported from there: that module
 * loads the schema engine, which Turbopack cannot bundle into a route.
 */
export async function shippedMigrationNames(dir = path.join(process.cwd(), "prisma", "migrations")): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

export async function checkReadiness(db: Db): Promise<Readiness> {
  let rows: MigrationRow[];
  try {
    const [check] = await db.$queryRaw<Array<{ present: boolean }>>`
      SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present`;
    if (!check?.present) return { status: "not_ready", reason: "database has no migrations table: run the migrations" };
    rows = await db.$queryRaw<MigrationRow[]>`SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations`;
  } catch {
    return { status: "not_ready", reason: "database unreachable" };
  }
  return decideReadiness(await shippedMigrationNames(), rows);
}
