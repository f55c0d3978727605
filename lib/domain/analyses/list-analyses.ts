import { z } from "zod";
import { serviceWhere } from "@/lib/auth/authorize";
import { getDb, type Db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { DomainContext } from "@/lib/domain/context";
import { ANALYSIS_STATUSES, ANALYSIS_VERDICTS, type AnalysisListItem } from "./analysis-view";

export const ANALYSIS_LIST_DEFAULT_LIMIT = 50;
export const ANALYSIS_LIST_MAX_LIMIT = 200;

export const analysisFiltersSchema = z.object({
  /** Service slug. */
  service: z.string().trim().min(1).max(200).optional(),
  /** Environment name ("prod"), across every service unless `service` is set too. */
  environment: z.string().trim().min(1).max(200).optional(),
  verdict: z.enum(ANALYSIS_VERDICTS).optional(),
  status: z.enum(ANALYSIS_STATUSES).optional(),
  promotion: z.uuid().optional(),
  /** Only analyses opened before this time (the previous page's last `createdAt`). */
  before: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(ANALYSIS_LIST_MAX_LIMIT).default(ANALYSIS_LIST_DEFAULT_LIMIT),
});

export type AnalysisFilters = z.input<typeof analysisFiltersSchema>;

/** The filters a page offers (the rest are API-only). */
const PAGE_FILTERS = ["service", "environment", "verdict"] as const;
type PageFilter = (typeof PAGE_FILTERS)[number];
export type AnalysisPageFilters = Partial<Record<PageFilter, string>> & { verdict?: (typeof ANALYSIS_VERDICTS)[number] };

/**
 * The page's filters from its query string. Each is validated on its own, so a bad value (a stale
 * bookmark, a hand-edited URL) drops only that filter and is reported instead of failing the page.
 */
export function parseAnalysisFilters(searchParams: Record<string, string | string[] | undefined>): { filters: AnalysisPageFilters; invalid: PageFilter[] } {
  const filters: Record<string, unknown> = {};
  const invalid: PageFilter[] = [];
  for (const name of PAGE_FILTERS) {
    const raw = searchParams[name];
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value === undefined || value.trim() === "") continue;
    const parsed = analysisFiltersSchema.shape[name].safeParse(value);
    if (parsed.success && parsed.data !== undefined) filters[name] = parsed.data;
    else invalid.push(name);
  }
  return { filters: filters as AnalysisPageFilters, invalid };
}

/** Analyses of the services the caller can see, newest first, with the metrics that failed. */
export async function listRecentAnalyses(ctx: DomainContext, input: AnalysisFilters = {}, db: Db = getDb()): Promise<AnalysisListItem[]> {
  const filters = analysisFiltersSchema.parse(input);
  const environment: Prisma.EnvironmentWhereInput = {
    service: { AND: [serviceWhere(ctx.actor), filters.service ? { slug: filters.service } : {}] },
    ...(filters.environment ? { name: filters.environment } : {}),
  };
  const where: Prisma.AnalysisWhereInput = {
    deployment: { environment },
    ...(filters.verdict ? { verdict: filters.verdict } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.promotion ? { promotionId: filters.promotion } : {}),
    ...(filters.before ? { createdAt: { lt: new Date(filters.before) } } : {}),
  };
  const rows = await db.analysis.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: filters.limit,
    select: {
      id: true,
      status: true,
      verdict: true,
      score: true,
      summary: true,
      createdAt: true,
      finishedAt: true,
      canaryEnd: true,
      promotionId: true,
      metrics: { select: { metricName: true, status: true } },
      deployment: {
        select: {
          artifact: { select: { version: true, imageDigest: true } },
          environment: { select: { name: true, isProduction: true, service: { select: { slug: true, name: true } } } },
        },
      },
    },
  });
  return rows.map((row) => ({
    id: row.id,
    status: row.status,
    verdict: row.verdict,
    score: row.score,
    summary: row.summary,
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
    canaryEnd: row.canaryEnd.toISOString(),
    service: row.deployment.environment.service,
    environment: { name: row.deployment.environment.name, isProduction: row.deployment.environment.isProduction },
    artifact: row.deployment.artifact,
    promotionId: row.promotionId,
    failingMetrics: row.metrics.filter((m) => m.status === "High" || m.status === "Low").map((m) => m.metricName).sort(),
    metricCount: row.metrics.length,
  }));
}

export interface AnalysisFilterOptions {
  services: { slug: string; name: string }[];
  /** Distinct environment names, in pipeline order (dev before prod). */
  environments: string[];
}

/** Services and environment names that have at least one analysis the caller may see. */
export async function listAnalysisFilterOptions(ctx: DomainContext, db: Db = getDb()): Promise<AnalysisFilterOptions> {
  const visible = serviceWhere(ctx.actor);
  const withAnalyses: Prisma.EnvironmentWhereInput = { service: visible, deployments: { some: { analyses: { some: {} } } } };
  const [services, environments] = await Promise.all([
    db.service.findMany({ where: { AND: [visible, { environments: { some: withAnalyses } }] }, orderBy: [{ name: "asc" }, { slug: "asc" }], select: { slug: true, name: true } }),
    db.environment.groupBy({ by: ["name"], where: withAnalyses, _min: { position: true } }),
  ]);
  return {
    services,
    environments: environments.sort((a, b) => (a._min.position ?? 0) - (b._min.position ?? 0) || a.name.localeCompare(b.name)).map((e) => e.name),
  };
}

/** How many analyses per verdict (and still open) match the filters, over everything visible, not just one page. */
export async function countAnalysesByVerdict(ctx: DomainContext, input: Pick<AnalysisFilters, "service" | "environment"> = {}, db: Db = getDb()) {
  const environment: Prisma.EnvironmentWhereInput = {
    service: { AND: [serviceWhere(ctx.actor), input.service ? { slug: input.service } : {}] },
    ...(input.environment ? { name: input.environment } : {}),
  };
  const groups = await db.analysis.groupBy({ by: ["verdict"], where: { deployment: { environment } }, _count: { _all: true } });
  const counts = { Pass: 0, Marginal: 0, Fail: 0, Inconclusive: 0, open: 0, total: 0 };
  for (const group of groups) {
    counts[group.verdict ?? "open"] += group._count._all;
    counts.total += group._count._all;
  }
  return counts;
}
