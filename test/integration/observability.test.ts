import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toClusterError } from "@/lib/clusters/errors";
import { getDb } from "@/lib/db/client";
import { readMigrationsList } from "@/lib/db/schema-engine";
import { resetEnvCache } from "@/lib/env";
import { shippedMigrationNames } from "@/lib/observability/readiness";
import { getBoss, stopBoss } from "@/lib/jobs/boss";
import { startApiServer, type ApiServer } from "../helpers/api-server";
import { createArtifact, createTeamWithService } from "../helpers/identity-fixture";
import { usePrivateDatabase } from "../helpers/private-database";

let database: Awaited<ReturnType<typeof usePrivateDatabase>>;
let server: ApiServer;

beforeAll(async () => {
  // A database of our own: the promotions gauge must equal exactly what this file created.
  database = await usePrivateDatabase();
  server = await startApiServer();
});

afterAll(async () => {
  delete process.env.GANTRY_METRICS_TOKEN;
  resetEnvCache();
  await stopBoss();
  await server?.close();
  await database?.drop();
});

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{((?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\\n]|\\[\\"n])*",?)*)\})? (-?[0-9.eE+-]+|NaN|\+Inf|-Inf)$/;

/** Parses a text exposition strictly: every line is a comment or `name{labels} value`. */
function parseExposition(text: string): Sample[] {
  expect(text.endsWith("\n")).toBe(true);
  const samples: Sample[] = [];
  for (const line of text.trimEnd().split("\n")) {
    if (line.startsWith("# HELP ") || line.startsWith("# TYPE ")) continue;
    const match = SAMPLE_LINE.exec(line);
    expect(match, `not a valid exposition line: ${line}`).not.toBeNull();
    const labels: Record<string, string> = {};
    for (const [, key, value] of match![2]?.matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g) ?? []) labels[key!] = value!;
    samples.push({ name: match![1]!, labels, value: Number(match![3]!.replace("+Inf", "Infinity")) });
  }
  return samples;
}

async function scrape(headers: Record<string, string> = {}) {
  const response = await fetch(`${server.baseUrl}/api/metrics`, { headers });
  expect(response.status, await response.clone().text()).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseExposition(await response.text());
}

function value(samples: Sample[], name: string, labels: Record<string, string>) {
  const found = samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return found?.value;
}

describe("GET /api/ready", () => {
  it("is 200 when every shipped migration is applied", async () => {
    const response = await fetch(`${server.baseUrl}/api/ready`);
    const body = await response.json();
    expect(response.status, JSON.stringify(body)).toBe(200);
    const shipped = (await readMigrationsList()).migrationDirectories.length;
    expect(shipped).toBeGreaterThan(0);
    // The route lists migrations without the schema engine; both must agree.
    expect(await shippedMigrationNames()).toEqual((await readMigrationsList()).migrationDirectories.map((d) => d.path));
    expect(body).toEqual({ status: "ready", migrations: { applied: shipped, expected: shipped } });
  });

  it("is 503 naming the pending migration when one is not applied", async () => {
    const db = getDb();
    const [last] = await db.$queryRaw<Array<{ id: string; migration_name: string }>>`
      SELECT id, migration_name FROM _prisma_migrations ORDER BY migration_name DESC LIMIT 1`;
    await db.$executeRaw`UPDATE _prisma_migrations SET migration_name = ${"x_" + last!.migration_name} WHERE id = ${last!.id}`;
    try {
      const response = await fetch(`${server.baseUrl}/api/ready`);
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: "not_ready", reason: "1 migration(s) not applied", pending: [last!.migration_name] });
    } finally {
      await db.$executeRaw`UPDATE _prisma_migrations SET migration_name = ${last!.migration_name} WHERE id = ${last!.id}`;
    }
    expect((await fetch(`${server.baseUrl}/api/ready`)).status).toBe(200);
  });
});

describe("GET /api/metrics", () => {
  it("serves a well-formed exposition with every family declared", async () => {
    await fetch(`${server.baseUrl}/api/health`);
    const response = await fetch(`${server.baseUrl}/api/metrics`);
    expect(response.status).toBe(200);
    const text = await response.text();
    parseExposition(text);
    for (const family of ["gantry_http_request_duration_seconds", "gantry_promotions", "gantry_job_queue_depth", "gantry_job_oldest_age_seconds", "gantry_cluster_api_errors_total"]) {
      expect(text).toContain(`# TYPE ${family} `);
    }
  });

  it("counts requests by route template, method and status", async () => {
    const id = randomUUID();
    const before = await scrape();
    const health = { route: "/api/health", method: "GET", status: "200" };
    const promotion = { route: "/api/v1/promotions/:id", method: "GET", status: "401" };
    const healthBefore = value(before, "gantry_http_request_duration_seconds_count", health) ?? 0;
    const promotionBefore = value(before, "gantry_http_request_duration_seconds_count", promotion) ?? 0;

    await fetch(`${server.baseUrl}/api/health`);
    await fetch(`${server.baseUrl}/api/health`);
    expect((await fetch(`${server.baseUrl}/api/v1/promotions/${id}`)).status).toBe(401);

    const after = await scrape();
    expect(value(after, "gantry_http_request_duration_seconds_count", health)).toBe(healthBefore + 2);
    expect(value(after, "gantry_http_request_duration_seconds_bucket", { ...health, le: "+Inf" })).toBe(healthBefore + 2);
    expect(value(after, "gantry_http_request_duration_seconds_count", promotion)).toBe(promotionBefore + 1);
    // The id itself never becomes a label value.
    expect(after.some((s) => Object.values(s.labels).some((v) => v.includes(id)))).toBe(false);
    // Buckets are cumulative.
    const buckets = after.filter((s) => s.name === "gantry_http_request_duration_seconds_bucket" && s.labels.route === "/api/health" && s.labels.status === "200");
    expect(buckets.map((b) => b.value)).toEqual([...buckets.map((b) => b.value)].sort((a, b) => a - b));
  });

  it("reports promotions by status as they are in the database", async () => {
    const db = getDb();
    const { prod } = await createTeamWithService(db, "obs");
    const artifact = await createArtifact(db, prod.serviceId);
    const make = (status: "PendingApproval" | "Failed") => db.promotion.create({ data: { environmentId: prod.id, artifactId: artifact.id, status } });
    await make("PendingApproval");
    await make("PendingApproval");
    await make("Failed");

    const samples = await scrape();
    expect(value(samples, "gantry_promotions", { status: "PendingApproval" })).toBe(2);
    expect(value(samples, "gantry_promotions", { status: "Failed" })).toBe(1);
    expect(value(samples, "gantry_promotions", { status: "Succeeded" })).toBe(0);
    const total = samples.filter((s) => s.name === "gantry_promotions").reduce((sum, s) => sum + s.value, 0);
    expect(total).toBe(await db.promotion.count());
  });

  it("reports the job backlog and the age of the oldest due job per queue", async () => {
    const boss = await getBoss();
    const queue = `obs-${randomUUID().slice(0, 8)}`;
    await boss.createQueue(queue);
    await boss.send(queue, { n: 1 });
    await boss.send(queue, { n: 2 });
    // Scheduled for later: part of the backlog, but not "waiting too long".
    await boss.send(queue, { n: 3 }, { startAfter: new Date(Date.now() + 3_600_000) });
    await getDb().$executeRaw`UPDATE pgboss.job SET created_on = now() - interval '2 hours' WHERE name = ${queue} AND start_after > now()`;
    await getDb().$executeRaw`UPDATE pgboss.job SET created_on = now() - interval '120 seconds' WHERE name = ${queue} AND data->>'n' = '1'`;

    const samples = await scrape();
    expect(value(samples, "gantry_job_queue_depth", { queue })).toBe(3);
    const age = value(samples, "gantry_job_oldest_age_seconds", { queue })!;
    expect(age).toBeGreaterThanOrEqual(120);
    expect(age).toBeLessThan(7200);
    expect(value(samples, "gantry_job_queue_depth", { queue: "promotion-run" })).toBe(0);
  });

  it("counts cluster API errors by kind", async () => {
    const before = value(await scrape(), "gantry_cluster_api_errors_total", { kind: "unreachable" }) ?? 0;
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:9"), { code: "ECONNREFUSED" });
    const error = toClusterError(new TypeError("fetch failed", { cause: refused }), { operation: "read deployment", cluster: "obs" });
    expect(error.kind).toBe("unreachable");
    // An error already classified is not counted twice.
    toClusterError(error, { operation: "read deployment", cluster: "obs" });
    expect(value(await scrape(), "gantry_cluster_api_errors_total", { kind: "unreachable" })).toBe(before + 1);
  });

  it("requires the bearer token when GANTRY_METRICS_TOKEN is set", async () => {
    process.env.GANTRY_METRICS_TOKEN = "obs-metrics-token-0123456789";
    resetEnvCache();
    try {
      const anonymous = await fetch(`${server.baseUrl}/api/metrics`);
      expect(anonymous.status).toBe(401);
      expect(await anonymous.json()).toMatchObject({ error: { code: "unauthenticated" } });
      const wrong = await fetch(`${server.baseUrl}/api/metrics`, { headers: { authorization: "Bearer not-the-token" } });
      expect(wrong.status).toBe(401);
      await scrape({ authorization: "Bearer obs-metrics-token-0123456789" });
    } finally {
      delete process.env.GANTRY_METRICS_TOKEN;
      resetEnvCache();
    }
  });
});
