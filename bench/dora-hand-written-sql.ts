import type { DoraScope } from "../lib/dora/definitions";
import type { QueryWindow } from "../lib/dora/queries";

/**
 * The yardstick of bench/dora-1m.ts: the same numbers as lib/dora/queries.ts (current and
 * previous period, per week of the current one) written by hand as ONE statement for `pg`, with
 * the failed-verification and incident-linked sets materialised once and shared by all three
 * parts, and no ORM in between.
 */
export interface HandWrittenRow {
  current: boolean;
  week: Date | null;
  deployments: number;
  deploy_days: number;
  changes: number;
  failed_changes: number;
  lead_commits: number;
  lead_median: number | null;
  lead_p90: number | null;
  failures: number;
  restored: number;
  restore_median: number | null;
}

export function handWrittenDoraSql(scope: DoraScope, window: QueryWindow): { text: string; values: unknown[] } {
  if (scope.environments.kind !== "production") throw new Error("the benchmark measures production");
  const values: unknown[] = [window.current.start, window.current.end, window.previous.start];
  let services = (alias: string) => `TRUE AND ${alias}."isProduction"`;
  let incidentServices = "TRUE";
  if (scope.serviceIds) {
    values.push(scope.serviceIds);
    services = (alias) => `${alias}."serviceId" = ANY($4::uuid[]) AND ${alias}."isProduction"`;
    incidentServices = `i."serviceId" = ANY($4::uuid[])`;
  }
  const text = `
    WITH failed_verification AS MATERIALIZED (SELECT "deploymentId" AS id FROM "Analysis" WHERE verdict = 'Fail'),
    with_incident AS MATERIALIZED (SELECT DISTINCT "deploymentId" AS id FROM "Incident" WHERE "deploymentId" IS NOT NULL),
    changes AS (
      SELECT d.id, d."environmentId", d."startedAt", d."finishedAt",
             (d.outcome = 'Succeeded' OR (d.outcome = 'RolledBack' AND NOT EXISTS (SELECT 1 FROM failed_verification v WHERE v.id = d.id))) AS ok,
             EXISTS (SELECT 1 FROM with_incident w WHERE w.id = d.id) AS has_incident,
             (d.outcome IN ('Failed', 'RolledBack') OR EXISTS (SELECT 1 FROM failed_verification v WHERE v.id = d.id)
               OR EXISTS (SELECT 1 FROM with_incident w WHERE w.id = d.id)) AS failed
      FROM "Deployment" d
      WHERE ${services("d")} AND NOT d."isRollback" AND d.outcome <> 'InProgress'
        AND d."finishedAt" >= $3 AND d."finishedAt" < $2
    ),
    arrivals AS (
      SELECT d."serviceId", c.sha, min(d."finishedAt") AS deployed_at, min(c."committedAt") AS committed_at
      FROM "Deployment" d JOIN "ArtifactCommit" c ON c."artifactId" = d."artifactId"
      WHERE ${services("d")} AND d."finishedAt" >= $3 AND d."finishedAt" < $2
        AND (d.outcome = 'Succeeded' OR (d.outcome = 'RolledBack' AND NOT EXISTS (SELECT 1 FROM failed_verification v WHERE v.id = d.id)))
      GROUP BY d."serviceId", c.sha
    ),
    lead AS (
      SELECT a.deployed_at AS at, extract(epoch FROM a.deployed_at - a.committed_at)::float8 AS seconds
      FROM arrivals a
      WHERE NOT EXISTS (
        SELECT 1 FROM "ArtifactCommit" c2 JOIN "Deployment" e ON e."artifactId" = c2."artifactId"
        WHERE c2.sha = a.sha AND e."serviceId" = a."serviceId" AND e."isProduction" AND e."finishedAt" < $3
          AND (e.outcome = 'Succeeded' OR (e.outcome = 'RolledBack' AND NOT EXISTS (SELECT 1 FROM failed_verification v WHERE v.id = e.id)))
      )
    ),
    episodes AS (
      SELECT c."finishedAt" AS at, extract(epoch FROM r."finishedAt" - c."startedAt")::float8 AS seconds
      FROM changes c
      LEFT JOIN LATERAL (
        SELECT x."finishedAt" FROM "Deployment" x
        WHERE x."environmentId" = c."environmentId" AND x."startedAt" > c."startedAt" AND x.id <> c.id AND x."finishedAt" IS NOT NULL
          AND (x.outcome = 'Succeeded' OR (x.outcome = 'RolledBack' AND NOT EXISTS (SELECT 1 FROM failed_verification v WHERE v.id = x.id)))
        ORDER BY x."startedAt", x."finishedAt" LIMIT 1
      ) r ON TRUE
      WHERE c.failed AND NOT c.has_incident
      UNION ALL
      SELECT i."openedAt", extract(epoch FROM i."resolvedAt" - i."openedAt")::float8
      FROM "Incident" i LEFT JOIN "Environment" ie ON ie.id = i."environmentId"
      WHERE ${incidentServices} AND (ie.id IS NULL OR ie."isProduction") AND i."openedAt" >= $3 AND i."openedAt" < $2
    ),
    facts AS (
      SELECT "finishedAt" AS at, 'change' AS kind, ok, failed, NULL::float8 AS seconds FROM changes
      UNION ALL SELECT at, 'lead', NULL, NULL, seconds FROM lead
      UNION ALL SELECT at, 'episode', NULL, NULL, seconds FROM episodes
    )
    SELECT at >= $1 AS current, date_trunc('week', at) AS week,
           count(*) FILTER (WHERE kind = 'change' AND ok)::int AS deployments,
           count(DISTINCT at::date) FILTER (WHERE kind = 'change' AND ok)::int AS deploy_days,
           count(*) FILTER (WHERE kind = 'change')::int AS changes,
           count(*) FILTER (WHERE kind = 'change' AND failed)::int AS failed_changes,
           count(*) FILTER (WHERE kind = 'lead' AND seconds > 0)::int AS lead_commits,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE kind = 'lead' AND seconds > 0) AS lead_median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE kind = 'lead' AND seconds > 0) AS lead_p90,
           count(*) FILTER (WHERE kind = 'episode')::int AS failures,
           count(seconds) FILTER (WHERE kind = 'episode')::int AS restored,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE kind = 'episode') AS restore_median
    FROM facts
    GROUP BY GROUPING SETS ((at >= $1), (at >= $1, date_trunc('week', at)))`;
  return { text, values };
}
