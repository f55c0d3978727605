import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { EMPTY_AGGREGATES, type DoraAggregates } from "./classify";
import type { DoraScope, Period } from "./definitions";

/**
 * The DORA aggregations, in Postgres. Each query scans the deployments of the current and the
 * previous period once (on the denormalised serviceId / isProduction / finishedAt columns and
 * their indexes) and returns, with GROUPING SETS, one row per period and one per week of the
 * current period. lib/dora/definitions.ts says in plain code what each number means; the
 * integration tests hold both to the same answers.
 */

const sql = Prisma.sql;
type Sql = Prisma.Sql;

export interface QueryWindow {
  current: Period;
  previous: Period;
}

// Uncorrelated IN (subquery) is planned as a hashed subplan: the small sets of failed analyses
// and incident-linked deployments are read once per query, not probed per deployment.
const FAILED_VERIFICATION = sql`(SELECT fa."deploymentId" FROM "Analysis" fa WHERE fa.verdict = 'Fail')`;
const LINKED_INCIDENT = sql`(SELECT li."deploymentId" FROM "Incident" li WHERE li."deploymentId" IS NOT NULL)`;

const col = (alias: string, column: string) => Prisma.raw(`${alias}."${column}"`);

export function successful(alias: string): Sql {
  return sql`(${col(alias, "outcome")} = 'Succeeded' OR (${col(alias, "outcome")} = 'RolledBack' AND ${col(alias, "id")} NOT IN ${FAILED_VERIFICATION}))`;
}

export function failedChange(alias: string): Sql {
  return sql`(${col(alias, "outcome")} IN ('Failed', 'RolledBack') OR ${col(alias, "id")} IN ${FAILED_VERIFICATION} OR ${col(alias, "id")} IN ${LINKED_INCIDENT})`;
}

export function deploymentScope(scope: DoraScope, alias: string): Sql {
  const environment =
    scope.environments.kind === "production" ? sql`${col(alias, "isProduction")}` : sql`${col(alias, "environmentId")} = ANY(${scope.environments.ids}::uuid[])`;
  const service = scope.serviceIds === null ? sql`TRUE` : sql`${col(alias, "serviceId")} = ANY(${scope.serviceIds}::uuid[])`;
  return sql`${environment} AND ${service}`;
}

/** Incidents of the scope's services in the scope's environments; without an environment they count as production. */
export function incidentScope(scope: DoraScope, incident: string, environment: string): Sql {
  const service = scope.serviceIds === null ? sql`TRUE` : sql`${col(incident, "serviceId")} = ANY(${scope.serviceIds}::uuid[])`;
  const env =
    scope.environments.kind === "production"
      ? sql`(${col(environment, "id")} IS NULL OR ${col(environment, "isProduction")})`
      : sql`${col(incident, "environmentId")} = ANY(${scope.environments.ids}::uuid[])`;
  return sql`${service} AND ${env}`;
}

/** True when nothing can match (no service or no environment selected): skip the database. */
export function isEmptyScope(scope: DoraScope) {
  return (scope.serviceIds !== null && scope.serviceIds.length === 0) || (scope.environments.kind === "environments" && scope.environments.ids.length === 0);
}

interface Row {
  current: boolean;
  week: Date | null;
}

interface DeploymentRow extends Row {
  deployments: number;
  deploy_days: number;
  changes: number;
  failed_changes: number;
}

interface LeadTimeRow extends Row {
  commits: number;
  excluded: number;
  median: number | null;
  p90: number | null;
}

interface RestoreRow extends Row {
  failures: number;
  restored: number;
  median: number | null;
}

export function deploymentAggregatesSql(scope: DoraScope, window: QueryWindow): Sql {
  const { current, previous } = window;
  return sql`
    SELECT x.current, x.week,
           count(*) FILTER (WHERE x.successful)::int AS deployments,
           count(DISTINCT x.day) FILTER (WHERE x.successful)::int AS deploy_days,
           count(*)::int AS changes,
           count(*) FILTER (WHERE x.failed)::int AS failed_changes
    FROM (
      SELECT d."finishedAt" >= ${current.start} AS current,
             date_trunc('week', d."finishedAt") AS week,
             d."finishedAt"::date AS day,
             ${successful("d")} AS successful,
             ${failedChange("d")} AS failed
      FROM "Deployment" d
      WHERE ${deploymentScope(scope, "d")}
        AND NOT d."isRollback" AND d.outcome <> 'InProgress'
        AND d."finishedAt" >= ${previous.start} AND d."finishedAt" < ${current.end}
    ) x
    GROUP BY GROUPING SETS ((x.current), (x.current, x.week))`;
}

export function leadTimeAggregatesSql(scope: DoraScope, window: QueryWindow): Sql {
  const { current, previous } = window;
  return sql`
    WITH arrivals AS (
      SELECT d."serviceId", d."artifactId", d."finishedAt"
      FROM "Deployment" d
      WHERE ${deploymentScope(scope, "d")}
        AND d."finishedAt" >= ${previous.start} AND d."finishedAt" < ${current.end}
        AND ${successful("d")}
    ), firsts AS (
      SELECT a."serviceId", c.sha, min(a."finishedAt") AS deployed_at, min(c."committedAt") AS committed_at
      FROM arrivals a JOIN "ArtifactCommit" c ON c."artifactId" = a."artifactId"
      GROUP BY a."serviceId", c.sha
    ), fresh AS (
      SELECT f.deployed_at, f.committed_at FROM firsts f
      WHERE NOT EXISTS (
        SELECT 1 FROM "ArtifactCommit" c2 JOIN "Deployment" e ON e."artifactId" = c2."artifactId"
        WHERE c2.sha = f.sha AND e."serviceId" = f."serviceId" AND ${deploymentScope(scope, "e")}
          AND e."finishedAt" < ${previous.start} AND ${successful("e")}
      )
    )
    SELECT x.current, x.week,
           count(*) FILTER (WHERE x.seconds > 0)::int AS commits,
           count(*) FILTER (WHERE x.seconds <= 0)::int AS excluded,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY x.seconds) FILTER (WHERE x.seconds > 0) AS median,
           percentile_cont(0.9) WITHIN GROUP (ORDER BY x.seconds) FILTER (WHERE x.seconds > 0) AS p90
    FROM (
      SELECT f.deployed_at >= ${current.start} AS current,
             date_trunc('week', f.deployed_at) AS week,
             extract(epoch FROM f.deployed_at - f.committed_at)::float8 AS seconds
      FROM fresh f
    ) x
    GROUP BY GROUPING SETS ((x.current), (x.current, x.week))`;
}

/** Failure episodes of the scope starting in [from, to): incidents, and failed changes without one. */
export function episodesSql(scope: DoraScope, from: Date, to: Date): Sql {
  return sql`
    SELECT 'deployment' AS kind, f.id AS id, f."finishedAt" AS at, f."startedAt" AS started_at,
           r."finishedAt" AS restored_at, r.id AS restored_by
    FROM "Deployment" f
    LEFT JOIN LATERAL (
      SELECT x.id, x."finishedAt" FROM "Deployment" x
      WHERE x."environmentId" = f."environmentId" AND x."startedAt" > f."startedAt" AND x.id <> f.id
        AND x."finishedAt" IS NOT NULL AND ${successful("x")}
      ORDER BY x."startedAt", x."finishedAt" LIMIT 1
    ) r ON TRUE
    WHERE ${deploymentScope(scope, "f")}
      AND NOT f."isRollback" AND f.outcome <> 'InProgress'
      AND f."finishedAt" >= ${from} AND f."finishedAt" < ${to}
      AND ${failedChange("f")} AND f.id NOT IN ${LINKED_INCIDENT}
    UNION ALL
    SELECT 'incident', i.id, i."openedAt", i."openedAt", i."resolvedAt", NULL
    FROM "Incident" i LEFT JOIN "Environment" ie ON ie.id = i."environmentId"
    WHERE ${incidentScope(scope, "i", "ie")}
      AND i."openedAt" >= ${from} AND i."openedAt" < ${to}`;
}

export function restoreAggregatesSql(scope: DoraScope, window: QueryWindow): Sql {
  const { current, previous } = window;
  return sql`
    SELECT x.current, x.week,
           count(*)::int AS failures,
           count(x.seconds)::int AS restored,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY x.seconds) AS median
    FROM (
      SELECT e.at >= ${current.start} AS current,
             date_trunc('week', e.at) AS week,
             extract(epoch FROM e.restored_at - e.started_at)::float8 AS seconds
      FROM (${episodesSql(scope, previous.start, current.end)}) e
    ) x
    GROUP BY GROUPING SETS ((x.current), (x.current, x.week))`;
}

export interface WindowAggregates {
  current: DoraAggregates;
  previous: DoraAggregates;
  /** Weeks of the current period that had anything, keyed by the ISO time of their Monday. */
  weekly: Map<string, DoraAggregates>;
}

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/** Runs the three aggregations side by side and folds their rows into per-period aggregates. */
export async function queryAggregates(db: Db, scope: DoraScope, window: QueryWindow): Promise<WindowAggregates> {
  const result: WindowAggregates = { current: { ...EMPTY_AGGREGATES }, previous: { ...EMPTY_AGGREGATES }, weekly: new Map() };
  if (isEmptyScope(scope)) return result;
  const [deployments, leadTimes, restores] = await Promise.all([
    db.$queryRaw<DeploymentRow[]>(deploymentAggregatesSql(scope, window)),
    db.$queryRaw<LeadTimeRow[]>(leadTimeAggregatesSql(scope, window)),
    db.$queryRaw<RestoreRow[]>(restoreAggregatesSql(scope, window)),
  ]);
  const target = (row: Row): DoraAggregates | null => {
    if (row.week === null) return row.current ? result.current : result.previous;
    if (!row.current) return null;
    const key = row.week.toISOString();
    let week = result.weekly.get(key);
    if (!week) result.weekly.set(key, (week = { ...EMPTY_AGGREGATES }));
    return week;
  };
  for (const row of deployments) {
    const t = target(row);
    if (t) Object.assign(t, { deployments: row.deployments, deployDays: row.deploy_days, changes: row.changes, failedChanges: row.failed_changes });
  }
  for (const row of leadTimes) {
    const t = target(row);
    if (t) Object.assign(t, { leadTimeCommits: row.commits, leadTimeExcluded: row.excluded, leadTimeMedianSeconds: num(row.median), leadTimeP90Seconds: num(row.p90) });
  }
  for (const row of restores) {
    const t = target(row);
    if (t) Object.assign(t, { failures: row.failures, restored: row.restored, restoreMedianSeconds: num(row.median) });
  }
  return result;
}
