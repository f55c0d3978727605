import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEmptyDatabase } from "../helpers/database";

/**
 * The migration that turned Environment.clusterId into the EnvironmentCluster join keeps every
 * binding and its drift state. Replayed by hand on a database built from the migrations before it.
 */
const MIGRATIONS = path.resolve(import.meta.dirname, "../../prisma/migrations");
const TARGET = "20261126090000_environment_clusters";

let database: Awaited<ReturnType<typeof createEmptyDatabase>>;
let client: pg.Client;

beforeAll(async () => {
  database = await createEmptyDatabase();
  client = new pg.Client(database.url);
  await client.connect();
  const names = (await readdir(MIGRATIONS, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  for (const name of names.filter((n) => n < TARGET)) await client.query(await readFile(path.join(MIGRATIONS, name, "migration.sql"), "utf8"));
});

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

describe(`migration ${TARGET}`, () => {
  it("moves every environment's cluster and drift state into EnvironmentCluster and leaves unbound ones unbound", async () => {
    const detected = new Date("2026-05-01T10:00:00Z");
    const checked = new Date("2026-05-01T10:05:00Z");
    await client.query(`INSERT INTO "Team" (id, slug, name, "updatedAt") VALUES ('00000000-0000-4000-8000-000000000001', 't', 'T', now())`);
    await client.query(
      `INSERT INTO "Service" (id, slug, name, "teamId", "imageRepository", "updatedAt") VALUES ('00000000-0000-4000-8000-000000000002', 's', 'S', '00000000-0000-4000-8000-000000000001', 'r', now())`,
    );
    await client.query(`INSERT INTO "Cluster" (id, name, "apiServerUrl", "authKind", "updatedAt") VALUES ('00000000-0000-4000-8000-000000000003', 'sandbox', 'https://127.0.0.1:9', 'InCluster', now())`);
    const env = (id: string, name: string, position: number, clusterId: string | null, drift: [Date | null, Date | null, string | null]) =>
      client.query(
        `INSERT INTO "Environment" (id, "serviceId", name, position, "clusterId", namespace, "workloadName", "containerName", "driftCheckedAt", "driftDetectedAt", "driftLiveImage", "updatedAt")
         VALUES ($1, '00000000-0000-4000-8000-000000000002', $2, $3, $4, 'ns', 'web', 'web', $5, $6, $7, now())`,
        [id, name, position, clusterId, ...drift],
      );
    await env("00000000-0000-4000-8000-00000000000a", "dev", 0, "00000000-0000-4000-8000-000000000003", [checked, null, null]);
    await env("00000000-0000-4000-8000-00000000000b", "prod", 1, "00000000-0000-4000-8000-000000000003", [checked, detected, "r@sha256:hotfix"]);
    await env("00000000-0000-4000-8000-00000000000c", "unbound", 2, null, [null, null, null]);

    await client.query(await readFile(path.join(MIGRATIONS, TARGET, "migration.sql"), "utf8"));

    const rows = await client.query(`SELECT "environmentId", "clusterId", "driftCheckedAt", "driftDetectedAt", "driftLiveImage" FROM "EnvironmentCluster" ORDER BY "environmentId"`);
    expect(rows.rows).toEqual([
      { environmentId: "00000000-0000-4000-8000-00000000000a", clusterId: "00000000-0000-4000-8000-000000000003", driftCheckedAt: checked, driftDetectedAt: null, driftLiveImage: null },
      { environmentId: "00000000-0000-4000-8000-00000000000b", clusterId: "00000000-0000-4000-8000-000000000003", driftCheckedAt: checked, driftDetectedAt: detected, driftLiveImage: "r@sha256:hotfix" },
    ]);
    const columns = await client.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'Environment' AND column_name LIKE ANY (ARRAY['cluster%', 'drift%'])`);
    expect(columns.rows).toEqual([]);
  });
});
