import { z } from "zod";
import { serviceWhere } from "@/lib/auth/authorize";
import { getDb, type Db } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";
import { PromotionStatus, type Prisma, type PromotionKind } from "@/lib/db/generated/client";

export const PROMOTION_LIST_LIMIT = 100;

export const promotionFiltersSchema = z.object({
  status: z.enum(PromotionStatus).optional(),
  /** Service slug. */
  service: z.string().trim().min(1).max(200).optional(),
  /** Environment name (e.g. "prod"), across every service unless `service` is set too. */
  environment: z.string().trim().min(1).max(200).optional(),
});

export type PromotionFilters = z.infer<typeof promotionFiltersSchema>;
type FilterName = keyof PromotionFilters;
const FILTER_NAMES = Object.keys(promotionFiltersSchema.shape) as FilterName[];

export type SearchParams = Record<string, string | string[] | undefined>;

/**
 * Filters from a page's query string. Each one is validated on its own so a bad value (a stale
 * bookmark, a hand-edited URL) drops only that filter and is reported, instead of failing the page.
 * An empty value means "any" (what a form's "All" option submits).
 */
export function parsePromotionFilters(searchParams: SearchParams): { filters: PromotionFilters; invalid: FilterName[] } {
  const filters: Record<string, unknown> = {};
  const invalid: FilterName[] = [];
  for (const name of FILTER_NAMES) {
    const raw = searchParams[name];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined || value.trim() === "") continue;
    const parsed = promotionFiltersSchema.shape[name].safeParse(value);
    if (parsed.success && parsed.data !== undefined) filters[name] = parsed.data;
    else invalid.push(name);
  }
  return { filters: filters as PromotionFilters, invalid };
}

export interface PromotionListItem {
  id: string;
  status: PromotionStatus;
  kind: PromotionKind;
  createdAt: Date;
  service: { slug: string; name: string };
  environment: { name: string; isProduction: boolean };
  artifact: { version: string; imageDigest: string };
  requester: { kind: "user"; name: string; email: string } | { kind: "token"; name: string } | null;
}

/** The most recent promotions (newest first, at most PROMOTION_LIST_LIMIT) matching the filters. */
/** Promotions of the services the caller can see, newest first. */
export async function listPromotions(ctx: DomainContext, filters: PromotionFilters, db: Db = getDb()): Promise<PromotionListItem[]> {
  const where: Prisma.PromotionWhereInput = {};
  if (filters.status) where.status = filters.status;
  const environment: Prisma.EnvironmentWhereInput = { service: { AND: [serviceWhere(ctx.actor), filters.service ? { slug: filters.service } : {}] } };
  if (filters.environment) environment.name = filters.environment;
  where.environment = environment;

  const rows = await db.promotion.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: PROMOTION_LIST_LIMIT,
    select: {
      id: true,
      status: true,
      kind: true,
      createdAt: true,
      environment: { select: { name: true, isProduction: true, service: { select: { slug: true, name: true } } } },
      artifact: { select: { version: true, imageDigest: true } },
      requestedBy: { select: { name: true, email: true } },
      requestedByToken: { select: { name: true } },
    },
  });

  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    kind: row.kind,
    createdAt: row.createdAt,
    service: row.environment.service,
    environment: { name: row.environment.name, isProduction: row.environment.isProduction },
    artifact: row.artifact,
    requester: row.requestedBy
      ? { kind: "user", name: row.requestedBy.name, email: row.requestedBy.email }
      : row.requestedByToken
        ? { kind: "token", name: row.requestedByToken.name }
        : null,
  }));
}

export interface PromotionFilterOptions {
  services: { slug: string; name: string }[];
  /** Distinct environment names, in the order they usually appear in pipelines (dev before prod). */
  environments: string[];
}

export async function listPromotionFilterOptions(ctx: DomainContext, db: Db = getDb()): Promise<PromotionFilterOptions> {
  const visible = serviceWhere(ctx.actor);
  const [services, environments] = await Promise.all([
    db.service.findMany({ where: visible, orderBy: [{ name: "asc" }, { slug: "asc" }], select: { slug: true, name: true } }),
    db.environment.groupBy({ by: ["name"], where: { service: visible }, _min: { position: true } }),
  ]);
  return {
    services,
    environments: environments
      .sort((a, b) => (a._min.position ?? 0) - (b._min.position ?? 0) || a.name.localeCompare(b.name))
      .map((e) => e.name),
  };
}
