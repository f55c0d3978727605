import { can, serviceWhere } from "@/lib/auth/authorize";
import { environmentResource } from "@/lib/auth/resources";
import { getDb, type Db } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";
import { driftSummary, type DriftSummary } from "@/lib/domain/environments/fleet";
import type { AnalysisVerdict, PromotionKind, PromotionStatus } from "@/lib/db/generated/client";
import { OPEN_STATUSES } from "@/lib/domain/promotions/lifecycle";
import { activeFreeze } from "@/lib/policy/freeze-windows";

export interface BoardArtifact {
  id: string;
  version: string;
  imageDigest: string;
  gitSha: string;
}

export interface BoardCurrentDeployment {
  deploymentId: string;
  artifact: BoardArtifact;
  /** When the deployment finished (it succeeded, so it did); startedAt as a fallback. */
  deployedAt: Date;
  isRollback: boolean;
}

/** A promotion waiting to run (pending approval, approved or queued), oldest first. */
export interface BoardWaitingPromotion {
  id: string;
  status: PromotionStatus;
  kind: PromotionKind;
  artifactId: string;
  artifactVersion: string;
  /** Approve decisions recorded so far (the requester and authors cannot record one). */
  approvals: number;
  createdAt: Date;
}

/** What the viewer may do in an environment, computed from their role bindings. */
export interface BoardPermissions {
  /** Request a promotion *into* this environment. */
  promote: boolean;
  approve: boolean;
  rollback: boolean;
  hold: boolean;
}

export interface BoardPromotion {
  id: string;
  status: PromotionStatus;
  kind: PromotionKind;
  artifactVersion: string;
  createdAt: Date;
}

/** The latest release verification in an environment that reached a verdict. */
export interface BoardVerdict {
  analysisId: string;
  verdict: AnalysisVerdict;
  /** 0–100, from the template's weights; null when the analysis stored none. */
  score: number | null;
  /** The release the verdict is about. */
  artifactVersion: string;
  finishedAt: Date | null;
}

export interface BoardEnvironment {
  id: string;
  name: string;
  position: number;
  isProduction: boolean;
  requiredApprovals: number;
  hold: { heldAt: Date; reason: string | null } | null;
  /** The live workload runs another image than the one Gantry deployed (on one or more of its clusters). */
  drift: DriftSummary | null;
  /** A freeze window in force now. */
  freeze: { reason: string; endsAt: Date } | null;
  /** The artifact of the latest succeeded deployment: what should be running there now. */
  current: BoardCurrentDeployment | null;
  latestPromotion: BoardPromotion | null;
  lastVerdict: BoardVerdict | null;
  waitingPromotions: BoardWaitingPromotion[];
  /** What "Roll back" returns to: the last known-good artifact before the current one. */
  rollbackTarget: BoardArtifact | null;
  can: BoardPermissions;
}

export interface BoardService {
  id: string;
  slug: string;
  name: string;
  description: string;
  environments: BoardEnvironment[];
}

export interface BoardTeam {
  id: string;
  slug: string;
  name: string;
  services: BoardService[];
}

export interface PipelineBoard {
  teams: BoardTeam[];
}

export interface CurrentRow {
  environmentId: string;
  deploymentId: string;
  startedAt: Date;
  finishedAt: Date | null;
  isRollback: boolean;
  artifactId: string;
  version: string;
  imageRepository: string;
  imageDigest: string;
  gitSha: string;
  rollbackArtifactId: string | null;
  rollbackVersion: string | null;
  rollbackImageRepository: string | null;
  rollbackImageDigest: string | null;
  rollbackGitSha: string | null;
}

/**
 * Per environment, the latest succeeded deployment and its rollback target, in one statement for
 * any number of environments. The rollback target is the same rule as lastKnownGood(): the latest
 * earlier successful deployment of a different artifact.
 */
export function currentDeployments(db: Db, environmentIds: string[]) {
  return db.$queryRaw<CurrentRow[]>`
    SELECT e.id AS "environmentId", d.id AS "deploymentId", d."startedAt", d."finishedAt", d."isRollback",
           a.id AS "artifactId", a.version, a."imageRepository", a."imageDigest", a."gitSha",
           r.id AS "rollbackArtifactId", r.version AS "rollbackVersion", r."imageRepository" AS "rollbackImageRepository",
           r."imageDigest" AS "rollbackImageDigest", r."gitSha" AS "rollbackGitSha"
    FROM unnest(${environmentIds}::uuid[]) AS e(id)
    CROSS JOIN LATERAL (
      SELECT id, "artifactId", "startedAt", "finishedAt", "isRollback"
      FROM "Deployment"
      WHERE "environmentId" = e.id AND outcome = 'Succeeded'
      ORDER BY "startedAt" DESC, id DESC
      LIMIT 1
    ) d
    JOIN "Artifact" a ON a.id = d."artifactId"
    LEFT JOIN LATERAL (
      SELECT "artifactId"
      FROM "Deployment"
      WHERE "environmentId" = e.id AND outcome = 'Succeeded' AND "artifactId" <> d."artifactId" AND "startedAt" < d."startedAt"
      ORDER BY "startedAt" DESC, id DESC
      LIMIT 1
    ) previous ON true
    LEFT JOIN "Artifact" r ON r.id = previous."artifactId"`;
}

interface PromotionRow {
  environmentId: string;
  id: string;
  status: PromotionStatus;
  kind: PromotionKind;
  createdAt: Date;
  artifactVersion: string;
}

interface VerdictRow {
  environmentId: string;
  analysisId: string;
  verdict: AnalysisVerdict;
  score: number | null;
  finishedAt: Date | null;
  artifactVersion: string;
}

interface DriftRow {
  environmentId: string;
  driftDetectedAt: Date;
  driftLiveImage: string | null;
  clusterName: string;
}

interface WaitingRow extends PromotionRow {
  artifactId: string;
  approvals: number;
}

/**
 * Every service's pipeline with what runs in each stage, in a fixed number of statements whatever
 * the number of services (Prisma loads services, teams, environments and their freeze windows in
 * one each; then the five lookups below). The per-environment "latest" lookups are LATERAL ...
 * LIMIT 1 so each one walks the (environmentId, startedAt|createdAt DESC) index instead of sorting
 * every deployment ever made (the Deployment table grows without bound: it is the DORA fact table).
 * What the viewer may do is computed from the actor's bindings in memory.
 */
export async function getPipelineBoard(ctx: DomainContext, db: Db = getDb(), now: Date = new Date()): Promise<PipelineBoard> {
  const services = await db.service.findMany({
    where: serviceWhere(ctx.actor),
    orderBy: [{ team: { name: "asc" } }, { name: "asc" }, { slug: "asc" }],
    select: {
      id: true,
      slug: true,
      name: true,
      description: true,
      team: { select: { id: true, slug: true, name: true } },
      environments: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          name: true,
          position: true,
          isProduction: true,
          requiredApprovals: true,
          heldAt: true,
          holdReason: true,
          // Only windows that can be in force: weekly ones, and one-off ones not over yet.
          freezeWindows: { where: { OR: [{ kind: "Weekly" }, { endsAt: { gt: now } }] } },
        },
      },
    },
  });

  const environmentIds = services.flatMap((service) => service.environments.map((environment) => environment.id));
  const [currentRows, promotionRows, waitingRows, verdictRows, driftRows] =
    environmentIds.length === 0
      ? [[], [], [], [], []]
      : await Promise.all([
          currentDeployments(db, environmentIds),
          db.$queryRaw<PromotionRow[]>`
            SELECT e.id AS "environmentId", p.id, p.status::text AS status, p.kind::text AS kind,
                   p."createdAt", a.version AS "artifactVersion"
            FROM unnest(${environmentIds}::uuid[]) AS e(id)
            CROSS JOIN LATERAL (
              SELECT id, status, kind, "createdAt", "artifactId"
              FROM "Promotion"
              WHERE "environmentId" = e.id
              ORDER BY "createdAt" DESC, id DESC
              LIMIT 1
            ) p
            JOIN "Artifact" a ON a.id = p."artifactId"`,
          // Few rows: only what waits to run (the status index finds them).
          db.$queryRaw<WaitingRow[]>`
            SELECT p."environmentId", p.id, p.status::text AS status, p.kind::text AS kind, p."createdAt",
                   p."artifactId", a.version AS "artifactVersion",
                   (SELECT count(*)::int FROM "Approval" ap WHERE ap."promotionId" = p.id AND ap.decision = 'Approve') AS approvals
            FROM "Promotion" p
            JOIN "Artifact" a ON a.id = p."artifactId"
            WHERE p."environmentId" = ANY(${environmentIds}::uuid[])
              AND p.status = ANY(${[...OPEN_STATUSES]}::"PromotionStatus"[])
            ORDER BY p."createdAt" ASC, p.id ASC`,
          // Newest judged deployment first (the partial judged index), then its newest analysis: an
          // environment that is never verified (dev) costs nothing instead of a probe per deployment
          // it ever had (bench:board: 400 of 530 ms for 50 services × 4 environments and a year).
          db.$queryRaw<VerdictRow[]>`
            SELECT e.id AS "environmentId", v."analysisId", v.verdict::text AS verdict, v.score, v."finishedAt", a.version AS "artifactVersion"
            FROM unnest(${environmentIds}::uuid[]) AS e(id)
            CROSS JOIN LATERAL (
              SELECT an.id AS "analysisId", an.verdict, an.score, an."finishedAt", d."artifactId"
              FROM "Deployment" d
              JOIN "Analysis" an ON an."deploymentId" = d.id
              WHERE d."environmentId" = e.id AND d.judged AND an.verdict IS NOT NULL
              ORDER BY d."startedAt" DESC, d.id DESC, an."createdAt" DESC
              LIMIT 1
            ) v
            JOIN "Artifact" a ON a.id = v."artifactId"`,
          // Drift is per cluster of the environment; only drifted ones matter here.
          db.$queryRaw<DriftRow[]>`
            SELECT ec."environmentId", ec."driftDetectedAt", ec."driftLiveImage", c.name AS "clusterName"
            FROM "EnvironmentCluster" ec
            JOIN "Cluster" c ON c.id = ec."clusterId"
            WHERE ec."environmentId" = ANY(${environmentIds}::uuid[]) AND ec."driftDetectedAt" IS NOT NULL
            ORDER BY c.name`,
        ]);
  const driftByEnvironment = new Map<string, { driftDetectedAt: Date; driftLiveImage: string | null; cluster: { name: string } }[]>();
  for (const row of driftRows) {
    driftByEnvironment.set(row.environmentId, [...(driftByEnvironment.get(row.environmentId) ?? []), { ...row, cluster: { name: row.clusterName } }]);
  }

  const currentByEnvironment = new Map(currentRows.map((row) => [row.environmentId, row]));
  const promotionByEnvironment = new Map(promotionRows.map((row) => [row.environmentId, row]));
  const verdictByEnvironment = new Map(verdictRows.map((row) => [row.environmentId, row]));
  const waitingByEnvironment = new Map<string, BoardWaitingPromotion[]>();
  for (const row of waitingRows) {
    const list = waitingByEnvironment.get(row.environmentId) ?? [];
    list.push({ id: row.id, status: row.status, kind: row.kind, artifactId: row.artifactId, artifactVersion: row.artifactVersion, approvals: row.approvals, createdAt: row.createdAt });
    waitingByEnvironment.set(row.environmentId, list);
  }

  const teams = new Map<string, BoardTeam>();
  for (const service of services) {
    let team = teams.get(service.team.id);
    if (!team) {
      team = { ...service.team, services: [] };
      teams.set(team.id, team);
    }
    team.services.push({
      id: service.id,
      slug: service.slug,
      name: service.name,
      description: service.description,
      environments: service.environments.map((environment) => {
        const current = currentByEnvironment.get(environment.id);
        const promotion = promotionByEnvironment.get(environment.id);
        const verdict = verdictByEnvironment.get(environment.id);
        const freeze = activeFreeze(environment.freezeWindows, now);
        const resource = environmentResource({ id: environment.id, name: environment.name, serviceId: service.id, service: { teamId: service.team.id, slug: service.slug } });
        return {
          id: environment.id,
          name: environment.name,
          position: environment.position,
          isProduction: environment.isProduction,
          requiredApprovals: environment.requiredApprovals,
          hold: environment.heldAt ? { heldAt: environment.heldAt, reason: environment.holdReason } : null,
          drift: driftSummary(driftByEnvironment.get(environment.id) ?? []),
          freeze: freeze ? { reason: freeze.window.reason, endsAt: freeze.endsAt } : null,
          current: current
            ? {
                deploymentId: current.deploymentId,
                artifact: { id: current.artifactId, version: current.version, imageDigest: current.imageDigest, gitSha: current.gitSha },
                deployedAt: current.finishedAt ?? current.startedAt,
                isRollback: current.isRollback,
              }
            : null,
          latestPromotion: promotion
            ? {
                id: promotion.id,
                status: promotion.status,
                kind: promotion.kind,
                artifactVersion: promotion.artifactVersion,
                createdAt: promotion.createdAt,
              }
            : null,
          lastVerdict: verdict
            ? { analysisId: verdict.analysisId, verdict: verdict.verdict, score: verdict.score, artifactVersion: verdict.artifactVersion, finishedAt: verdict.finishedAt }
            : null,
          waitingPromotions: waitingByEnvironment.get(environment.id) ?? [],
          rollbackTarget:
            current?.rollbackArtifactId && current.rollbackVersion && current.rollbackImageDigest && current.rollbackGitSha
              ? { id: current.rollbackArtifactId, version: current.rollbackVersion, imageDigest: current.rollbackImageDigest, gitSha: current.rollbackGitSha }
              : null,
          can: {
            promote: can(ctx.actor, "promotion:request", resource),
            approve: can(ctx.actor, "promotion:approve", resource),
            rollback: can(ctx.actor, "environment:rollback", resource),
            hold: can(ctx.actor, "environment:hold", resource),
          },
        };
      }),
    });
  }
  return { teams: [...teams.values()] };
}
