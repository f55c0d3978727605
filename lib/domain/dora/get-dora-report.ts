import { getDb, type Db } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";
import {
  changeFailureRate,
  compareValues,
  EMPTY_AGGREGATES,
  headlineValue,
  summarize,
  type Change,
  type DoraAggregates,
  type MetricsSummary,
} from "@/lib/dora/classify";
import { weeksOf } from "@/lib/dora/definitions";
import { queryAggregates } from "@/lib/dora/queries";
import { METRICS, thresholdRows, type MetricKey, type ThresholdRow } from "@/lib/dora/thresholds";
import { resolveDoraScope, type DoraFilters } from "./dora-scope";

const DAY_MS = 86_400_000;

export interface WeeklyPoint extends DoraAggregates {
  /** Monday 00:00 UTC. */
  weekStart: string;
  /** Days of this week inside the period (7 except at its edges). */
  days: number;
  changeFailureRate: number | null;
}

export interface DoraReport {
  filters: DoraFilters;
  scope: {
    team: { slug: string; name: string } | null;
    service: { slug: string; name: string } | null;
    environment: string;
    services: number;
  };
  period: { from: string; to: string; start: string; end: string; days: number };
  previousPeriod: { start: string; end: string; days: number };
  current: MetricsSummary;
  previous: MetricsSummary;
  changes: Record<MetricKey, Change>;
  weekly: WeeklyPoint[];
  thresholds: ThresholdRow[];
}

/** The four keys for the caller's visible services, with levels, the previous period and weekly trends. */
export async function getDoraReport(ctx: DomainContext, filters: DoraFilters, options: { now?: Date; db?: Db } = {}): Promise<DoraReport> {
  const db = options.db ?? getDb();
  const resolved = await resolveDoraScope(ctx, filters, options.now ?? new Date(), db);
  const { period } = resolved;
  const aggregates = await queryAggregates(db, resolved.scope, period);
  const hasScope = resolved.serviceCount > 0;
  const current = summarize(aggregates.current, period.days, hasScope);
  const previous = summarize(aggregates.previous, period.days, hasScope);
  const changes = Object.fromEntries(
    METRICS.map((metric) => [metric, compareValues(metric, headlineValue(metric, current), headlineValue(metric, previous))]),
  ) as Record<MetricKey, Change>;

  const weekly = weeksOf(period.current).map((monday): WeeklyPoint => {
    const start = Math.max(monday.getTime(), period.current.start.getTime());
    const end = Math.min(monday.getTime() + 7 * DAY_MS, period.current.end.getTime());
    const week = aggregates.weekly.get(monday.toISOString()) ?? EMPTY_AGGREGATES;
    return { weekStart: monday.toISOString(), days: (end - start) / DAY_MS, ...week, changeFailureRate: changeFailureRate(week.failedChanges, week.changes) };
  });

  return {
    filters: resolved.filters,
    scope: { team: resolved.team, service: resolved.service, environment: resolved.filters.environment, services: resolved.serviceCount },
    period: { from: period.from, to: period.to, start: period.current.start.toISOString(), end: period.current.end.toISOString(), days: period.days },
    previousPeriod: { start: period.previous.start.toISOString(), end: period.previous.end.toISOString(), days: period.days },
    current,
    previous,
    changes,
    weekly,
    thresholds: thresholdRows(),
  };
}
