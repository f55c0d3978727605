import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMigrations, diffMigrationsToSchema, readMigrationsList } from "@/lib/db/schema-engine";
import { createEmptyDatabase } from "../helpers/database";

let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
beforeAll(async () => {
  database = await createEmptyDatabase();
});
afterAll(() => database.drop());

describe("migrations", () => {
  it("apply to an empty database, record themselves, and are idempotent", async () => {
    const { migrationDirectories } = await readMigrationsList();
    const first = await applyMigrations(database.url);
    expect(first).toEqual(migrationDirectories.map((d) => d.path));

    const second = await applyMigrations(database.url);
    expect(second).toEqual([]);

    const client = new pg.Client(database.url);
    await client.connect();
    const recorded = await client.query(
      `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
    );
    const tables = await client.query(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'Promotion'`);
    await client.end();
    expect(recorded.rows.map((r) => r.migration_name)).toEqual(first);
    expect(tables.rows[0].n).toBe(1);
  });

  it("describe exactly what prisma/schema.prisma declares (no drift)", async () => {
    const drift = await diffMigrationsToSchema(database.url);
    expect(drift, `schema.prisma and prisma/migrations disagree; add a migration with:\n${drift}`).toBe("");
  });
});
