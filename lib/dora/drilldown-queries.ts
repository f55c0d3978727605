import type { Db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { DoraScope, Period } from "./definitions";
import { deploymentScope, episodesSql, failedChange, isEmptyScope, successful } from "./queries";

/**
 * The rows behind each DORA number, newest first: the deployments (frequency and change failure
 * rate), the commits (lead time) and the failures (time to restore). Same predicates as the
 * aggregations, so the lists add up to the headline numbers.
 */

const sql = Prisma.sql;

export const DRILLDOWN_KINDS = ["deployments", "commits", "failures"] as const;
export type DrilldownKind = (typeof DRILLDOWN_KINDS)[number];

export interface DeploymentDrillRow {
  id: string;
  service: string;
  environment: string;
  version: string;
  gitSha: string;
  startedAt: Date;
  finishedAt: Date;
  outcome: string;
  isRollback: boolean;
  /** Counted in deployment frequency. */
  successful: boolean;
  /** Counted as a failed change (rollbacks never are: they are not changes). */
  failedChange: boolean;
  failedVerification: boolean;
  incidents: { id: string; title: string }[];
}

export interface CommitDrillRow {
  sha: string;
  message: string;
  authorName: string;
  authorEmail: string;
  service: string;
  committedAt: Date;
  deployedAt: Date;
  deploymentId: string;
  version: string;
  leadTimeSeconds: number;
  /** Lead time ≤ 0: left out of the median and p90. */
  excluded: boolean;
}

export interface FailureDrillRow {
  kind: "incident" | "deployment";
  id: string;
  title: string;
  severity: string | null;
  service: string;
  environment: string | null;
  /** The failed deployment, or the one the incident is linked to. */
  deployment: { id: string; version: string; outcome: string } | null;
  startedAt: Date;
  restoredAt: Date | null;
  restoreSeconds: number | null;
  restoredBy: { id: string; version: string; isRollback: boolean } | null;
}

export interface Drilldown<T> {
  total: number;
  rows: T[];
}

interface Counted {
  total: bigint | number;
}

export async function drillDeployments(db: Db, scope: DoraScope, period: Period, limit: number): Promise<Drilldown<DeploymentDrillRow>> {
  if (isEmptyScope(scope)) return { total: 0, rows: [] };
  const rows = await db.$queryRaw<(Omit<DeploymentDrillRow, "incidents"> & Counted & { incidents: { id: string; title: string }[] })[]>(sql`
    SELECT d.id, s.slug AS service, e.name AS environment, a.version, a."gitSha", d."startedAt", d."finishedAt", d.outcome::text AS outcome, d."isRollback",
           ${successful("d")} AS successful,
           (NOT d."isRollback" AND ${failedChange("d")}) AS "failedChange",
           EXISTS (SELECT 1 FROM "Analysis" v WHERE v."deploymentId" = d.id AND v.verdict = 'Fail') AS "failedVerification",
           (SELECT coalesce(json_agg(json_build_object('id', i.id, 'title', i.title) ORDER BY i."openedAt"), '[]'::json) FROM "Incident" i WHERE i."deploymentId" = d.id) AS incidents,
           count(*) OVER () AS total
    FROM "Deployment" d
    JOIN "Service" s ON s.id = d."serviceId"
    JOIN "Environment" e ON e.id = d."environmentId"
    JOIN "Artifact" a ON a.id = d."artifactId"
    WHERE ${deploymentScope(scope, "d")} AND d.outcome <> 'InProgress'
      AND d."finishedAt" >= ${period.start} AND d."finishedAt" < ${period.end}
    ORDER BY d."finishedAt" DESC, d.id DESC
    LIMIT ${limit}`);
  return { total: Number(rows[0]?.total ?? 0), rows: rows.map(({ total: _total, ...row }) => row) };
}

export async function drillCommits(db: Db, scope: DoraScope, period: Period, limit: number): Promise<Drilldown<CommitDrillRow>> {
  if (isEmptyScope(scope)) return { total: 0, rows: [] };
  const rows = await db.$queryRaw<(Omit<CommitDrillRow, "excluded"> & Counted)[]>(sql`
    WITH arrivals AS (
      SELECT d.id, d."serviceId", d."artifactId", d."finishedAt"
      FROM "Deployment" d
      WHERE ${deploymentScope(scope, "d")} AND d."finishedAt" >= ${period.start} AND d."finishedAt" < ${period.end} AND ${successful("d")}
    ), firsts AS (
      SELECT DISTINCT ON (a."serviceId", c.sha) a."serviceId", a.id AS deployment_id, a."artifactId", a."finishedAt" AS deployed_at,
             c.sha, c.message, c."authorName", c."authorEmail", c."committedAt"
      FROM arrivals a JOIN "ArtifactCommit" c ON c."artifactId" = a."artifactId"
      ORDER BY a."serviceId", c.sha, a."finishedAt", c."committedAt"
    )
    SELECT f.sha, f.message, f."authorName", f."authorEmail", s.slug AS service, f."committedAt", f.deployed_at AS "deployedAt",
           f.deployment_id AS "deploymentId", art.version, extract(epoch FROM f.deployed_at - f."committedAt")::float8 AS "leadTimeSeconds",
           count(*) OVER () AS total
    FROM firsts f
    JOIN "Service" s ON s.id = f."serviceId"
    JOIN "Artifact" art ON art.id = f."artifactId"
    WHERE NOT EXISTS (
      SELECT 1 FROM "ArtifactCommit" c2 JOIN "Deployment" e ON e."artifactId" = c2."artifactId"
      WHERE c2.sha = f.sha AND e."serviceId" = f."serviceId" AND ${deploymentScope(scope, "e")}
        AND e."finishedAt" < ${period.start} AND ${successful("e")}
    )
    ORDER BY f.deployed_at DESC, s.slug, f."committedAt" DESC, f.sha
    LIMIT ${limit}`);
  return { total: Number(rows[0]?.total ?? 0), rows: rows.map(({ total: _total, ...row }) => ({ ...row, leadTimeSeconds: Number(row.leadTimeSeconds), excluded: Number(row.leadTimeSeconds) <= 0 })) };
}

interface FailureSqlRow extends Counted {
  kind: "incident" | "deployment";
  id: string;
  title: string;
  severity: string | null;
  service: string;
  environment: string | null;
  deployment_id: string | null;
  deployment_version: string | null;
  deployment_outcome: string | null;
  started_at: Date;
  restored_at: Date | null;
  seconds: number | null;
  restored_by_id: string | null;
  restored_by_version: string | null;
  restored_by_rollback: boolean | null;
}

export async function drillFailures(db: Db, scope: DoraScope, period: Period, limit: number): Promise<Drilldown<FailureDrillRow>> {
  if (isEmptyScope(scope)) return { total: 0, rows: [] };
  const rows = await db.$queryRaw<FailureSqlRow[]>(sql`
    SELECT ep.kind, ep.id, ep.started_at, ep.restored_at,
           extract(epoch FROM ep.restored_at - ep.started_at)::float8 AS seconds,
           coalesce(i.title, 'Deployment of ' || fa.version || CASE fd.outcome WHEN 'Failed' THEN ' failed' WHEN 'RolledBack' THEN ' was rolled back' ELSE ' failed verification' END) AS title,
           i.severity, s.slug AS service, env.name AS environment,
           coalesce(fd.id, ld.id) AS deployment_id, coalesce(fa.version, la.version) AS deployment_version, coalesce(fd.outcome, ld.outcome)::text AS deployment_outcome,
           rd.id AS restored_by_id, ra.version AS restored_by_version, rd."isRollback" AS restored_by_rollback,
           count(*) OVER () AS total
    FROM (${episodesSql(scope, period.start, period.end)}) ep
    LEFT JOIN "Incident" i ON ep.kind = 'incident' AND i.id = ep.id
    LEFT JOIN "Deployment" fd ON ep.kind = 'deployment' AND fd.id = ep.id
    LEFT JOIN "Artifact" fa ON fa.id = fd."artifactId"
    LEFT JOIN "Deployment" ld ON ld.id = i."deploymentId"
    LEFT JOIN "Artifact" la ON la.id = ld."artifactId"
    LEFT JOIN "Deployment" rd ON rd.id = ep.restored_by
    LEFT JOIN "Artifact" ra ON ra.id = rd."artifactId"
    JOIN "Service" s ON s.id = coalesce(i."serviceId", fd."serviceId")
    LEFT JOIN "Environment" env ON env.id = coalesce(i."environmentId", fd."environmentId")
    ORDER BY ep.started_at DESC, ep.id
    LIMIT ${limit}`);
  return {
    total: Number(rows[0]?.total ?? 0),
    rows: rows.map((r) => ({
      kind: r.kind,
      id: r.id,
      title: r.title,
      severity: r.severity,
      service: r.service,
      environment: r.environment,
      deployment: r.deployment_id ? { id: r.deployment_id, version: r.deployment_version!, outcome: r.deployment_outcome! } : null,
      startedAt: r.started_at,
      restoredAt: r.restored_at,
      restoreSeconds: r.seconds === null ? null : Number(r.seconds),
      restoredBy: r.restored_by_id ? { id: r.restored_by_id, version: r.restored_by_version!, isRollback: r.restored_by_rollback === true } : null,
    })),
  };
}
