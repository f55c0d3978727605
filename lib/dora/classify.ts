import {
  DAYS_PER_MONTH,
  LEVEL_SCORE,
  LEVELS,
  THRESHOLDS,
  type FrequencyMeasure,
  type Level,
  type MetricKey,
  type Threshold,
} from "./thresholds";

/**
 * Pure arithmetic of the DORA page: rates from counts, levels from the thresholds table, the
 * overall level, and the change against the previous period. The counts come from SQL
 * (lib/dora/queries.ts); nothing here touches the database.
 */

// Ratios and rates are computed in floating point; a value that is a threshold on paper
// (3 failures in 60 deployments = 5 %) must classify as that threshold.
const EPSILON = 1e-9;

/** What the SQL aggregation returns for one period (or one week). */
export interface DoraAggregates {
  /** Successful production changes (rollbacks excluded). */
  deployments: number;
  /** Distinct UTC calendar days with at least one successful change. */
  deployDays: number;
  /** Finished production changes: the change-failure-rate denominator. */
  changes: number;
  /** Changes that caused a failure: the numerator (a subset of `changes`). */
  failedChanges: number;
  /** Commits whose first successful deployment falls in the period, lead time > 0. */
  leadTimeCommits: number;
  /** Commits left out because commit time ≥ deployment time (clock skew, rebased history). */
  leadTimeExcluded: number;
  leadTimeMedianSeconds: number | null;
  leadTimeP90Seconds: number | null;
  /** Failures (incidents and failed changes without an incident) that started in the period. */
  failures: number;
  restored: number;
  restoreMedianSeconds: number | null;
}

export const EMPTY_AGGREGATES: DoraAggregates = {
  deployments: 0,
  deployDays: 0,
  changes: 0,
  failedChanges: 0,
  leadTimeCommits: 0,
  leadTimeExcluded: 0,
  leadTimeMedianSeconds: null,
  leadTimeP90Seconds: null,
  failures: 0,
  restored: 0,
  restoreMedianSeconds: null,
};

export type FrequencyFigures = Record<FrequencyMeasure, number> & { deployments: number; deployDays: number; deploymentsPerDay: number };

/** Rates over a period of `days` days (may be fractional; must be > 0). */
export function frequencyFigures(deployments: number, deployDays: number, days: number): FrequencyFigures {
  if (!(days > 0)) throw new RangeError("a period must last more than zero days");
  const perDay = deployments / days;
  return {
    deployments,
    deployDays,
    deploymentsPerDay: perDay,
    deploymentsPerWeek: perDay * 7,
    deploymentsPerMonth: perDay * DAYS_PER_MONTH,
    deployDaysPerWeek: (deployDays / days) * 7,
  };
}

/** Failed ÷ finished changes; null ("no data") when nothing was deployed, never above 1. */
export function changeFailureRate(failedChanges: number, changes: number): number | null {
  if (changes <= 0) return null;
  if (failedChanges > changes || failedChanges < 0) throw new RangeError(`failed changes (${failedChanges}) must be between 0 and changes (${changes})`);
  return failedChanges / changes;
}

function passes(threshold: Threshold, value: number | FrequencyFigures): boolean {
  switch (threshold.measure) {
    case "seconds":
      return (value as number) < threshold.below - EPSILON;
    case "ratio":
      return (value as number) <= threshold.atMost + EPSILON;
    default:
      return (value as FrequencyFigures)[threshold.measure] >= threshold.atLeast - EPSILON;
  }
}

function classify(metric: MetricKey, value: number | FrequencyFigures): Level {
  for (const threshold of THRESHOLDS[metric] as readonly Threshold[]) if (passes(threshold, value)) return threshold.level;
  return "low";
}

/** Zero deployments is a (low) frequency, not missing data. */
export function classifyDeploymentFrequency(figures: FrequencyFigures): Level {
  return classify("deploymentFrequency", figures);
}

export function classifyLeadTime(medianSeconds: number | null): Level | null {
  return medianSeconds === null ? null : classify("leadTime", medianSeconds);
}

export function classifyChangeFailureRate(rate: number | null): Level | null {
  return rate === null ? null : classify("changeFailureRate", rate);
}

export function classifyTimeToRestore(medianSeconds: number | null): Level | null {
  return medianSeconds === null ? null : classify("timeToRestore", medianSeconds);
}

/**
 * The overall level: the median of the metrics' levels, taking the lower of the two middle
 * levels when their number is even (elite, elite, high, low is high; elite, elite, low, low is low).
 * Metrics without data do not vote; with none, there is no overall level.
 */
export function overallLevel(levels: readonly (Level | null)[]): Level | null {
  const known = levels.filter((l): l is Level => l !== null).sort((a, b) => LEVEL_SCORE[b] - LEVEL_SCORE[a]);
  if (known.length === 0) return null;
  return known[Math.floor(known.length / 2)]!;
}

export function isLevel(value: unknown): value is Level {
  return (LEVELS as readonly unknown[]).includes(value);
}

export type Trend = "better" | "worse" | "unchanged";

export interface Change {
  current: number | null;
  previous: number | null;
  /** current − previous, in the metric's unit (per week, seconds, or ratio). */
  delta: number | null;
  /** delta ÷ previous; null when there is no previous value or it is zero. */
  relative: number | null;
  trend: Trend | null;
}

/** Which way is good for each metric's headline value. */
export const HIGHER_IS_BETTER: Record<MetricKey, boolean> = {
  deploymentFrequency: true,
  leadTime: false,
  changeFailureRate: false,
  timeToRestore: false,
};

/** The change of one headline value against the previous period of the same length. */
export function compareValues(metric: MetricKey, current: number | null, previous: number | null): Change {
  if (current === null || previous === null) return { current, previous, delta: null, relative: null, trend: null };
  const delta = current - previous;
  const relative = previous === 0 ? null : delta / Math.abs(previous);
  const scale = Math.max(Math.abs(current), Math.abs(previous));
  const trend: Trend = Math.abs(delta) <= EPSILON * Math.max(1, scale) ? "unchanged" : delta > 0 === HIGHER_IS_BETTER[metric] ? "better" : "worse";
  return { current, previous, delta, relative, trend };
}

export interface MetricsSummary {
  deploymentFrequency: FrequencyFigures & { level: Level | null };
  leadTime: { commits: number; excluded: number; medianSeconds: number | null; p90Seconds: number | null; level: Level | null };
  changeFailureRate: { changes: number; failedChanges: number; rate: number | null; level: Level | null };
  timeToRestore: { failures: number; restored: number; unresolved: number; medianSeconds: number | null; level: Level | null };
  overall: Level | null;
}

/** The headline value each metric is compared and charted by. */
export function headlineValue(metric: MetricKey, summary: MetricsSummary): number | null {
  switch (metric) {
    case "deploymentFrequency":
      return summary.deploymentFrequency.deploymentsPerWeek;
    case "leadTime":
      return summary.leadTime.medianSeconds;
    case "changeFailureRate":
      return summary.changeFailureRate.rate;
    case "timeToRestore":
      return summary.timeToRestore.medianSeconds;
  }
}

/**
 * Metrics and levels of one period. `hasScope` is false when the filters select no service at
 * all: then even zero deployments is "no data" rather than a low frequency.
 */
export function summarize(aggregates: DoraAggregates, days: number, hasScope = true): MetricsSummary {
  const frequency = frequencyFigures(aggregates.deployments, aggregates.deployDays, days);
  const rate = changeFailureRate(aggregates.failedChanges, aggregates.changes);
  const deploymentFrequency = { ...frequency, level: hasScope ? classifyDeploymentFrequency(frequency) : null };
  const leadTime = {
    commits: aggregates.leadTimeCommits,
    excluded: aggregates.leadTimeExcluded,
    medianSeconds: aggregates.leadTimeMedianSeconds,
    p90Seconds: aggregates.leadTimeP90Seconds,
    level: classifyLeadTime(aggregates.leadTimeMedianSeconds),
  };
  const changeFailure = { changes: aggregates.changes, failedChanges: aggregates.failedChanges, rate, level: classifyChangeFailureRate(rate) };
  const timeToRestore = {
    failures: aggregates.failures,
    restored: aggregates.restored,
    unresolved: aggregates.failures - aggregates.restored,
    medianSeconds: aggregates.restoreMedianSeconds,
    level: classifyTimeToRestore(aggregates.restoreMedianSeconds),
  };
  return {
    deploymentFrequency,
    leadTime,
    changeFailureRate: changeFailure,
    timeToRestore,
    overall: overallLevel([deploymentFrequency.level, leadTime.level, changeFailure.level, timeToRestore.level]),
  };
}
