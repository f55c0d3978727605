import type { Db } from "@/lib/db/client";
import { PromotionStatus } from "@/lib/db/generated/client";
import { processFamilies, renderFamilies, type Family } from "./registry";

export const EXPOSITION_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

/** Promotions by status, every status present (0 when none), from one GROUP BY. */
export async function promotionsFamily(db: Db): Promise<Family> {
  const groups = await db.promotion.groupBy({ by: ["status"], _count: { _all: true } });
  const counts = new Map(groups.map((g) => [g.status, g._count._all]));
  return {
    name: "gantry_promotions",
    type: "gauge",
    help: "Promotions in the database, by status.",
    samples: Object.values(PromotionStatus).map((status) => ({ labels: { status }, value: counts.get(status) ?? 0 })),
  };
}

interface QueueRow {
  queue: string;
  depth: number;
  oldest_age_seconds: number | null;
}

/**
 * pg-boss backlog per queue: jobs created, retrying or active. The oldest age counts jobs due now
 * (start_after reached) from their creation, so scheduled jobs do not read as a stuck queue.
 * Empty before pg-boss has created its schema (no worker has started yet).
 */
export async function queueFamilies(db: Db): Promise<Family[]> {
  const [check] = await db.$queryRaw<Array<{ present: boolean }>>`
    SELECT to_regclass('pgboss.job') IS NOT NULL AND to_regclass('pgboss.queue') IS NOT NULL AS present`;
  const rows = check?.present
    ? await db.$queryRaw<QueueRow[]>`
        SELECT q.name AS queue,
               count(j.id)::int AS depth,
               EXTRACT(EPOCH FROM now() - min(j.created_on) FILTER (WHERE j.start_after <= now()))::float8 AS oldest_age_seconds
          FROM pgboss.queue q
          LEFT JOIN pgboss.job j ON j.name = q.name AND j.state IN ('created', 'retry', 'active')
         GROUP BY q.name
         ORDER BY q.name`
    : [];
  return [
    {
      name: "gantry_job_queue_depth",
      type: "gauge",
      help: "Background jobs created, retrying or running, by queue.",
      samples: rows.map((r) => ({ labels: { queue: r.queue }, value: r.depth })),
    },
    {
      name: "gantry_job_oldest_age_seconds",
      type: "gauge",
      help: "Age of the oldest due job not yet finished, by queue (0 when none).",
      samples: rows.map((r) => ({ labels: { queue: r.queue }, value: Math.max(0, r.oldest_age_seconds ?? 0) })),
    },
  ];
}

/** The whole exposition: in-process families plus the database-backed gauges, read at scrape time. */
export async function renderGantryMetrics(db: Db): Promise<string> {
  const [promotions, queues] = await Promise.all([promotionsFamily(db), queueFamilies(db)]);
  return renderFamilies([...processFamilies(), promotions, ...queues]);
}
