import { randomUUID } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createDb } from "@/lib/db/client";

/** A fresh, empty database on the test server (nothing migrated). Dropped by the returned cleanup. */
export async function createEmptyDatabase() {
  const name = `gantry_t_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const admin = new pg.Client(inject("adminDatabaseUrl"));
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(inject("databaseUrl"));
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client(inject("adminDatabaseUrl"));
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await dropper.end();
    },
  };
}

/** The shared, migrated test database. */
export function testDb() {
  return createDb(inject("databaseUrl"));
}

/** A short unique suffix so rows created by different tests never collide. */
export function unique(prefix = "t") {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}
