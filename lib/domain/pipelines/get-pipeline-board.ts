import { serviceWhere } from "@/lib/auth/authorize";
import { getDb, type Db } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";
import type { PromotionKind, PromotionStatus } from "@/lib/db/generated/client";

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
}

export interface BoardPromotion {
  id: string;
  status: PromotionStatus;
  kind: PromotionKind;
  artifactVersion: string;
  createdAt: Date;
}

export interface BoardEnvironment {
  id: string;
  name: string;
  position: number;
  isProduction: boolean;
  hold: { heldAt: Date; reason: string | null } | null;
  /** The artifact of the latest succeeded deployment: what should be running there now. */
  current: BoardCurrentDeployment | null;
  latestPromotion: BoardPromotion | null;
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

interface CurrentRow {
  environmentId: string;
  deploymentId: string;
  startedAt: Date;
  finishedAt: Date | null;
  artifactId: string;
  version: string;
  imageDigest: string;
  gitSha: string;
}

interface PromotionRow {
  environmentId: string;
  id: string;
  status: PromotionStatus;
  kind: PromotionKind;
  createdAt: Date;
  artifactVersion: string;
}

/**
 * Every service's pipeline with what runs in each stage, in a fixed number of statements whatever
 * the number of services (Prisma loads services, teams and environments in one each; then the two
 * lookups below). The per-environment "latest" lookups are LATERAL ... LIMIT 1 so each one walks the
 * (environmentId, startedAt|createdAt DESC) index instead of sorting every deployment ever made
 * (the Deployment table grows without bound: it is the DORA fact table).
 */
export async function getPipelineBoard(ctx: DomainContext, db: Db = getDb()): Promise<PipelineBoard> {
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
        select: { id: true, name: true, position: true, isProduction: true, heldAt: true, holdReason: true },
      },
    },
  });

  const environmentIds = services.flatMap((service) => service.environments.map((environment) => environment.id));
  const [currentRows, promotionRows] =
    environmentIds.length === 0
      ? [[], []]
      : await Promise.all([
          db.$queryRaw<CurrentRow[]>`
            SELECT e.id AS "environmentId", d.id AS "deploymentId", d."startedAt", d."finishedAt",
                   a.id AS "artifactId", a.version, a."imageDigest", a."gitSha"
            FROM unnest(${environmentIds}::uuid[]) AS e(id)
            CROSS JOIN LATERAL (
              SELECT id, "artifactId", "startedAt", "finishedAt"
              FROM "Deployment"
              WHERE "environmentId" = e.id AND outcome = 'Succeeded'
              ORDER BY "startedAt" DESC, id DESC
              LIMIT 1
            ) d
            JOIN "Artifact" a ON a.id = d."artifactId"`,
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
        ]);

  const currentByEnvironment = new Map(currentRows.map((row) => [row.environmentId, row]));
  const promotionByEnvironment = new Map(promotionRows.map((row) => [row.environmentId, row]));

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
        return {
          id: environment.id,
          name: environment.name,
          position: environment.position,
          isProduction: environment.isProduction,
          hold: environment.heldAt ? { heldAt: environment.heldAt, reason: environment.holdReason } : null,
          current: current
            ? {
                deploymentId: current.deploymentId,
                artifact: { id: current.artifactId, version: current.version, imageDigest: current.imageDigest, gitSha: current.gitSha },
                deployedAt: current.finishedAt ?? current.startedAt,
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
        };
      }),
    });
  }
  return { teams: [...teams.values()] };
}
