import type { DoraAggregates } from "./classify";

/**
 * The DORA definitions as plain code over in-memory facts: the executable specification that
 * unit tests pin down edge case by edge case, and that the SQL in lib/dora/queries.ts must agree
 * with (integration tests run both on the same histories). Production never loads rows into JS;
 * this exists to say precisely what the SQL computes.
 *
 * - A *change* is a finished, non-rollback deployment in scope; it is *in a period* when it
 *   finished in it. Rollbacks restore service; they are not changes.
 * - A deployment is *successful* when it finished `Succeeded`, or `RolledBack` without failing
 *   verification (it ran in production until someone undid it later).
 * - Deployment frequency: successful changes in the period; deploy-days are the distinct UTC dates
 *   they finished on.
 * - Lead time: per commit (and service), from commit time to the first successful deployment in
 *   scope of any artifact carrying that commit, rollbacks included. A commit counts in the period
 *   of that first deployment; durations ≤ 0 are excluded. Median and p90 (interpolated, as
 *   Postgres' percentile_cont).
 * - Change failure rate: changes that failed (outcome Failed or RolledBack, a failed verification,
 *   or an incident linked to them) ÷ changes.
 * - Time to restore: each incident in scope opened in the period runs from opened to resolved; each
 *   failed change of the period without a linked incident runs from its start to the finish of the
 *   next successful deployment in the same environment (the rollback or the fix). Median of the
 *   restored ones.
 */

export type Outcome = "InProgress" | "Succeeded" | "Failed" | "RolledBack";
export type Verdict = "Pass" | "Marginal" | "Fail" | "Inconclusive";

export interface DeploymentFact {
  id: string;
  serviceId: string;
  environmentId: string;
  isProduction: boolean;
  artifactId: string;
  isRollback: boolean;
  outcome: Outcome;
  startedAt: Date;
  finishedAt: Date | null;
}

export interface CommitFact {
  artifactId: string;
  sha: string;
  committedAt: Date;
}

export interface AnalysisFact {
  deploymentId: string;
  verdict: Verdict | null;
}

export interface IncidentFact {
  id: string;
  serviceId: string;
  environmentId: string | null;
  /** Whether the incident's environment is a production one (null without environment). */
  environmentIsProduction: boolean | null;
  deploymentId: string | null;
  openedAt: Date;
  resolvedAt: Date | null;
}

export interface DoraFacts {
  deployments: DeploymentFact[];
  commits: CommitFact[];
  analyses: AnalysisFact[];
  incidents: IncidentFact[];
}

/** Production environments (the default), or the environments with the given ids. */
export type EnvironmentScope = { kind: "production" } | { kind: "environments"; ids: string[] };

export interface DoraScope {
  /** null: every service. */
  serviceIds: string[] | null;
  environments: EnvironmentScope;
}

/** Half-open: start ≤ t < end. */
export interface Period {
  start: Date;
  end: Date;
}

const inPeriod = (t: Date | null, p: Period) => t !== null && t.getTime() >= p.start.getTime() && t.getTime() < p.end.getTime();

/** percentile_cont: linear interpolation between the closest ranks. */
export function percentileCont(values: readonly number[], fraction: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = fraction * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

export function utcDay(t: Date): string {
  return t.toISOString().slice(0, 10);
}

/** Monday 00:00 UTC of the week containing `t` (Postgres' date_trunc('week', t)). */
export function weekStart(t: Date): Date {
  const day = new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate()));
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  return new Date(day.getTime() - sinceMonday * 86_400_000);
}

export function computeAggregates(facts: DoraFacts, scope: DoraScope, period: Period): DoraAggregates {
  const failedVerification = new Set(facts.analyses.filter((a) => a.verdict === "Fail").map((a) => a.deploymentId));
  const withIncident = new Set(facts.incidents.flatMap((i) => (i.deploymentId ? [i.deploymentId] : [])));

  const serviceInScope = (serviceId: string) => scope.serviceIds === null || scope.serviceIds.includes(serviceId);
  const environmentInScope = (d: { environmentId: string; isProduction: boolean }) =>
    scope.environments.kind === "production" ? d.isProduction : scope.environments.ids.includes(d.environmentId);
  const inScope = (d: DeploymentFact) => serviceInScope(d.serviceId) && environmentInScope(d);
  const successful = (d: DeploymentFact) => d.outcome === "Succeeded" || (d.outcome === "RolledBack" && !failedVerification.has(d.id));
  const failedChange = (d: DeploymentFact) => d.outcome === "Failed" || d.outcome === "RolledBack" || failedVerification.has(d.id) || withIncident.has(d.id);

  const scoped = facts.deployments.filter(inScope);
  const changes = scoped.filter((d) => !d.isRollback && d.outcome !== "InProgress" && inPeriod(d.finishedAt, period));
  const deployed = changes.filter(successful);
  const failed = changes.filter(failedChange);

  // Lead time: first successful arrival of each (service, commit) anywhere in scope, at any time.
  const commitsByArtifact = new Map<string, CommitFact[]>();
  for (const c of facts.commits) commitsByArtifact.set(c.artifactId, [...(commitsByArtifact.get(c.artifactId) ?? []), c]);
  const firstArrival = new Map<string, { deployedAt: Date; committedAt: Date }>();
  for (const d of scoped) {
    if (!successful(d) || d.finishedAt === null) continue;
    for (const c of commitsByArtifact.get(d.artifactId) ?? []) {
      const key = `${d.serviceId}/${c.sha}`;
      const seen = firstArrival.get(key);
      firstArrival.set(key, {
        deployedAt: seen && seen.deployedAt <= d.finishedAt ? seen.deployedAt : d.finishedAt,
        committedAt: seen && seen.committedAt <= c.committedAt ? seen.committedAt : c.committedAt,
      });
    }
  }
  const leadTimes: number[] = [];
  let excluded = 0;
  for (const { deployedAt, committedAt } of firstArrival.values()) {
    if (!inPeriod(deployedAt, period)) continue;
    const seconds = (deployedAt.getTime() - committedAt.getTime()) / 1000;
    if (seconds > 0) leadTimes.push(seconds);
    else excluded++;
  }

  // Time to restore.
  const episodes: { start: Date; restoredAt: Date | null }[] = [];
  for (const i of facts.incidents) {
    if (!serviceInScope(i.serviceId) || !inPeriod(i.openedAt, period)) continue;
    const environmentOk =
      scope.environments.kind === "production" ? i.environmentId === null || i.environmentIsProduction === true : i.environmentId !== null && scope.environments.ids.includes(i.environmentId);
    if (environmentOk) episodes.push({ start: i.openedAt, restoredAt: i.resolvedAt });
  }
  for (const d of failed) {
    if (withIncident.has(d.id)) continue;
    const restore = facts.deployments
      .filter((x) => x.environmentId === d.environmentId && x.id !== d.id && x.startedAt > d.startedAt && x.finishedAt !== null && successful(x))
      .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.finishedAt!.getTime() - b.finishedAt!.getTime())[0];
    episodes.push({ start: d.startedAt, restoredAt: restore?.finishedAt ?? null });
  }
  const restoreTimes = episodes.flatMap((e) => (e.restoredAt ? [(e.restoredAt.getTime() - e.start.getTime()) / 1000] : []));

  return {
    deployments: deployed.length,
    deployDays: new Set(deployed.map((d) => utcDay(d.finishedAt!))).size,
    changes: changes.length,
    failedChanges: failed.length,
    leadTimeCommits: leadTimes.length,
    leadTimeExcluded: excluded,
    leadTimeMedianSeconds: percentileCont(leadTimes, 0.5),
    leadTimeP90Seconds: percentileCont(leadTimes, 0.9),
    failures: episodes.length,
    restored: restoreTimes.length,
    restoreMedianSeconds: percentileCont(restoreTimes, 0.5),
  };
}

/** The weeks (Monday 00:00 UTC) a period touches, first to last. */
export function weeksOf(period: Period): Date[] {
  const weeks: Date[] = [];
  for (let w = weekStart(period.start); w < period.end; w = new Date(w.getTime() + 7 * 86_400_000)) weeks.push(w);
  return weeks;
}

/** Each week's aggregates, over the part of the week inside the period. */
export function computeWeekly(facts: DoraFacts, scope: DoraScope, period: Period): { weekStart: Date; aggregates: DoraAggregates }[] {
  return weeksOf(period).map((w) => {
    const part = {
      start: new Date(Math.max(w.getTime(), period.start.getTime())),
      end: new Date(Math.min(w.getTime() + 7 * 86_400_000, period.end.getTime())),
    };
    return { weekStart: w, aggregates: computeAggregates(facts, scope, part) };
  });
}
