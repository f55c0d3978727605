/**
 * The one table of DORA performance levels. Everything that classifies, labels or documents a
 * level (API, DORA page, README) reads it from here, so changing a threshold is a one-line edit.
 */

export const LEVELS = ["elite", "high", "medium", "low"] as const;
export type Level = (typeof LEVELS)[number];

export const METRICS = ["deploymentFrequency", "leadTime", "changeFailureRate", "timeToRestore"] as const;
export type MetricKey = (typeof METRICS)[number];

export const HOUR_SECONDS = 3600;
export const DAY_SECONDS = 24 * HOUR_SECONDS;
export const WEEK_SECONDS = 7 * DAY_SECONDS;

/** What a frequency threshold is measured in (see `FrequencyFigures`). */
export type FrequencyMeasure = "deployDaysPerWeek" | "deploymentsPerWeek" | "deploymentsPerMonth";

/** A level is reached when its test passes; levels are tried from elite down, the rest is low. */
export type Threshold =
  | { level: Exclude<Level, "low">; measure: FrequencyMeasure; atLeast: number }
  | { level: Exclude<Level, "low">; measure: "seconds"; below: number }
  | { level: Exclude<Level, "low">; measure: "ratio"; atMost: number };

export const THRESHOLDS = {
  deploymentFrequency: [
    { level: "elite", measure: "deployDaysPerWeek", atLeast: 5 },
    { level: "high", measure: "deploymentsPerWeek", atLeast: 1 },
    { level: "medium", measure: "deploymentsPerMonth", atLeast: 1 },
  ],
  leadTime: [
    { level: "elite", measure: "seconds", below: DAY_SECONDS },
    { level: "high", measure: "seconds", below: WEEK_SECONDS },
    { level: "medium", measure: "seconds", below: 30 * DAY_SECONDS },
  ],
  changeFailureRate: [
    { level: "elite", measure: "ratio", atMost: 0.05 },
    { level: "high", measure: "ratio", atMost: 0.1 },
    { level: "medium", measure: "ratio", atMost: 0.15 },
  ],
  timeToRestore: [
    { level: "elite", measure: "seconds", below: HOUR_SECONDS },
    { level: "high", measure: "seconds", below: DAY_SECONDS },
    { level: "medium", measure: "seconds", below: WEEK_SECONDS },
  ],
} as const satisfies Record<MetricKey, readonly Threshold[]>;

/** Rates per month use a 30-day month. */
export const DAYS_PER_MONTH = 30;

export const METRIC_LABELS: Record<MetricKey, string> = {
  deploymentFrequency: "Deployment frequency",
  leadTime: "Lead time for changes",
  changeFailureRate: "Change failure rate",
  timeToRestore: "Time to restore service",
};

export const LEVEL_LABELS: Record<Level, string> = { elite: "Elite", high: "High", medium: "Medium", low: "Low" };

/** Higher is better for levels; used for the overall level and for comparisons. */
export const LEVEL_SCORE: Record<Level, number> = { elite: 3, high: 2, medium: 1, low: 0 };

function plural(n: number, one: string, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}

/** "1 day", "30 days", "1 hour": thresholds are whole units, so no rounding is shown. */
export function describeSeconds(seconds: number): string {
  if (seconds % WEEK_SECONDS === 0) return plural(seconds / WEEK_SECONDS, "week");
  if (seconds % DAY_SECONDS === 0) return plural(seconds / DAY_SECONDS, "day");
  if (seconds % HOUR_SECONDS === 0) return plural(seconds / HOUR_SECONDS, "hour");
  if (seconds % 60 === 0) return plural(seconds / 60, "minute");
  return plural(seconds, "second");
}

const FREQUENCY_UNITS: Record<FrequencyMeasure, string> = {
  deployDaysPerWeek: "deploy-days per week",
  deploymentsPerWeek: "deployment per week",
  deploymentsPerMonth: "deployment per month",
};

/** The human wording of one threshold, e.g. "≥ 5 deploy-days per week", "< 1 day", "≤ 5 %". */
export function describeThreshold(threshold: Threshold): string {
  switch (threshold.measure) {
    case "seconds":
      return `< ${describeSeconds(threshold.below)}`;
    case "ratio":
      return `≤ ${formatPercentNumber(threshold.atMost * 100)} %`;
    default: {
      const unit = FREQUENCY_UNITS[threshold.measure];
      const pluralUnit = threshold.atLeast === 1 ? unit : unit.replace(/^deployment /, "deployments ");
      return `≥ ${threshold.atLeast} ${pluralUnit}`;
    }
  }
}

function formatPercentNumber(value: number) {
  return Number.isInteger(value) ? String(value) : value.toFixed(1);
}

export interface ThresholdRow {
  metric: MetricKey;
  label: string;
  levels: Record<Level, string>;
}

/** The table as the UI and README show it: one row per metric, one column per level. */
export function thresholdRows(): ThresholdRow[] {
  return METRICS.map((metric) => {
    const rows = THRESHOLDS[metric] as readonly Threshold[];
    const levels = Object.fromEntries(rows.map((t) => [t.level, describeThreshold(t)])) as Record<Level, string>;
    const medium = rows.find((t) => t.level === "medium")!;
    levels.low = lowDescription(medium);
    return { metric, label: METRIC_LABELS[metric], levels };
  });
}

function lowDescription(medium: Threshold): string {
  switch (medium.measure) {
    case "seconds":
      return `≥ ${describeSeconds(medium.below)}`;
    case "ratio":
      return `> ${formatPercentNumber(medium.atMost * 100)} %`;
    default:
      return `< ${medium.atLeast} ${FREQUENCY_UNITS[medium.measure]}`;
  }
}
