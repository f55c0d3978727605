import { z } from "zod";
import { serviceWhere, visibleServicesFilter } from "@/lib/auth/authorize";
import { getDb, type Db } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";
import type { DoraScope } from "@/lib/dora/definitions";
import { PeriodError, resolvePeriod, type ResolvedPeriod } from "@/lib/dora/period";
import { AppError, notFound } from "@/lib/http/errors";

/** `production` (every production environment) or the name of an environment, e.g. "staging". */
export const PRODUCTION = "production";

const slug = z.string().trim().min(1).max(200);
const day = z.iso.date({ message: "must be a date (YYYY-MM-DD)" });

export const doraFiltersSchema = z.object({
  /** Team slug. */
  team: slug.optional(),
  /** Service slug. */
  service: slug.optional(),
  environment: slug.default(PRODUCTION),
  /** First day of the period (UTC, inclusive). Default: 29 days before `to`. */
  from: day.optional(),
  /** Last day of the period (UTC, inclusive). Default: today. */
  to: day.optional(),
});

export type DoraFilters = z.infer<typeof doraFiltersSchema>;
export type DoraFiltersInput = z.input<typeof doraFiltersSchema>;

type FilterName = keyof DoraFilters;
const FILTER_NAMES = Object.keys(doraFiltersSchema.shape) as FilterName[];

/**
 * Filters from a page's query string: a bad value (a stale bookmark) drops only that filter
 * and is reported, instead of failing the page. An empty value means "any".
 */
export function parseDoraFilters(searchParams: Record<string, string | string[] | undefined>): { filters: DoraFilters; invalid: FilterName[] } {
  const raw: Record<string, string> = {};
  const invalid: FilterName[] = [];
  for (const name of FILTER_NAMES) {
    const value = searchParams[name];
    const text = Array.isArray(value) ? value[0] : value;
    if (text === undefined || text.trim() === "") continue;
    if (doraFiltersSchema.shape[name].safeParse(text).success) raw[name] = text.trim();
    else invalid.push(name);
  }
  return { filters: doraFiltersSchema.parse(raw), invalid };
}

export interface ResolvedDoraScope {
  scope: DoraScope;
  period: ResolvedPeriod;
  filters: DoraFilters;
  team: { slug: string; name: string } | null;
  service: { slug: string; name: string } | null;
  /** How many services are measured (after visibility and filters). */
  serviceCount: number;
}

/**
 * The services and environments a DORA query covers: the caller's visible services, narrowed
 * by team and service. A team or service the caller cannot see answers 404 like an unknown one.
 */
export async function resolveDoraScope(ctx: DomainContext, filters: DoraFilters, now = new Date(), db: Db = getDb()): Promise<ResolvedDoraScope> {
  let period: ResolvedPeriod;
  try {
    period = resolvePeriod(filters, now);
  } catch (error) {
    if (error instanceof PeriodError) throw new AppError("validation_failed", error.message, [{ path: "from", message: error.message }]);
    throw error;
  }

  const visible = serviceWhere(ctx.actor);
  const services = await db.service.findMany({
    where: {
      AND: [visible, filters.team ? { team: { slug: filters.team } } : {}, filters.service ? { slug: filters.service } : {}],
    },
    select: { id: true, slug: true, name: true, team: { select: { slug: true, name: true } } },
  });
  if (filters.service && services.length === 0) throw notFound("Service");
  if (filters.team && services.length === 0) {
    const teamServices = await db.service.count({ where: { AND: [visible, { team: { slug: filters.team } }] } });
    throw teamServices === 0 ? notFound("Team") : notFound("Service");
  }

  const everything = visibleServicesFilter(ctx.actor).all && !filters.team && !filters.service;
  const serviceIds = everything ? null : services.map((s) => s.id);
  let environments: DoraScope["environments"] = { kind: "production" };
  if (filters.environment !== PRODUCTION) {
    const rows = await db.environment.findMany({
      where: { name: filters.environment, ...(serviceIds === null ? {} : { serviceId: { in: serviceIds } }) },
      select: { id: true },
    });
    environments = { kind: "environments", ids: rows.map((r) => r.id) };
  }

  const team = filters.team ? (services[0]?.team ?? null) : null;
  const service = filters.service ? { slug: services[0]!.slug, name: services[0]!.name } : null;
  return { scope: { serviceIds, environments }, period, filters, team, service, serviceCount: services.length };
}

export interface DoraFilterOptions {
  teams: { slug: string; name: string }[];
  services: { slug: string; name: string; team: string }[];
  /** Distinct environment names, in pipeline order. */
  environments: string[];
}

export async function listDoraFilterOptions(ctx: DomainContext, db: Db = getDb()): Promise<DoraFilterOptions> {
  const visible = serviceWhere(ctx.actor);
  const [services, environments] = await Promise.all([
    db.service.findMany({ where: visible, orderBy: [{ name: "asc" }, { slug: "asc" }], select: { slug: true, name: true, team: { select: { slug: true, name: true } } } }),
    db.environment.groupBy({ by: ["name"], where: { service: visible }, _min: { position: true } }),
  ]);
  const teams = new Map<string, string>();
  for (const s of services) teams.set(s.team.slug, s.team.name);
  return {
    teams: [...teams].map(([slug, name]) => ({ slug, name })).sort((a, b) => a.name.localeCompare(b.name)),
    services: services.map((s) => ({ slug: s.slug, name: s.name, team: s.team.slug })),
    environments: environments
      .sort((a, b) => (a._min.position ?? 0) - (b._min.position ?? 0) || a.name.localeCompare(b.name))
      .map((e) => e.name),
  };
}
