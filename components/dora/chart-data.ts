import type { WeeklyPoint } from "@/lib/domain/dora/get-dora-report";

/**
 * The weekly trend as the charts draw it: one row per week with values in display units (hours
 * or days, percent), and gaps (null) where a week has no data, so a line is not drawn through zero.
 */

export type DurationUnit = "minutes" | "hours" | "days";

export interface ChartRow {
  /** Monday, YYYY-MM-DD. */
  week: string;
  /** "Jan 5". */
  label: string;
  /** The week is cut by the period's start or end (its counts cover fewer than 7 days). */
  partial: boolean;
  deployments: number;
  deployDays: number;
  leadTimeMedian: number | null;
  leadTimeP90: number | null;
  changes: number;
  failedChanges: number;
  failureRatePercent: number | null;
  restoreMedian: number | null;
  failures: number;
}

export interface ChartData {
  rows: ChartRow[];
  leadTimeUnit: DurationUnit;
  restoreUnit: DurationUnit;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const UNIT_SECONDS: Record<DurationUnit, number> = { minutes: 60, hours: 3600, days: 86_400 };

/** The unit that keeps the largest value readable: minutes below 2 hours, hours below 3 days. */
export function pickUnit(values: (number | null)[]): DurationUnit {
  const max = Math.max(0, ...values.filter((v): v is number => v !== null));
  if (max < 2 * 3600) return "minutes";
  if (max < 3 * 86_400) return "hours";
  return "days";
}

const scale = (seconds: number | null, unit: DurationUnit) => (seconds === null ? null : Math.round((seconds / UNIT_SECONDS[unit]) * 100) / 100);

export function weekLabel(weekStart: string): string {
  const date = new Date(weekStart);
  return `${MONTHS[date.getUTCMonth()]} ${date.getUTCDate()}`;
}

export function toChartData(weekly: readonly WeeklyPoint[]): ChartData {
  const leadTimeUnit = pickUnit(weekly.flatMap((w) => [w.leadTimeMedianSeconds, w.leadTimeP90Seconds]));
  const restoreUnit = pickUnit(weekly.map((w) => w.restoreMedianSeconds));
  return {
    leadTimeUnit,
    restoreUnit,
    rows: weekly.map((w) => ({
      week: w.weekStart.slice(0, 10),
      label: weekLabel(w.weekStart),
      partial: w.days < 7,
      deployments: w.deployments,
      deployDays: w.deployDays,
      leadTimeMedian: scale(w.leadTimeMedianSeconds, leadTimeUnit),
      leadTimeP90: scale(w.leadTimeP90Seconds, leadTimeUnit),
      changes: w.changes,
      failedChanges: w.failedChanges,
      failureRatePercent: w.changeFailureRate === null ? null : Math.round(w.changeFailureRate * 1000) / 10,
      restoreMedian: scale(w.restoreMedianSeconds, restoreUnit),
      failures: w.failures,
    })),
  };
}
