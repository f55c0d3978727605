import type { Period } from "./definitions";

const DAY_MS = 86_400_000;

/** Periods are whole UTC days, `from` and `to` both included. */
export const DEFAULT_PERIOD_DAYS = 30;
export const MAX_PERIOD_DAYS = 5 * 366;

export interface ResolvedPeriod {
  /** As asked for (or defaulted): YYYY-MM-DD, inclusive. */
  from: string;
  to: string;
  /** The instants measured: [from 00:00 UTC, to + 1 day 00:00 UTC), cut off at `now`. */
  current: Period;
  /** The period of the same length just before, for "change vs previous period". */
  previous: Period;
  days: number;
}

export class PeriodError extends Error {}

function parseDay(value: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) throw new PeriodError(`${value} is not a date (YYYY-MM-DD)`);
  return date;
}

export function formatDay(date: Date) {
  return date.toISOString().slice(0, 10);
}

/**
 * Turns the from/to filter into the periods to measure. The default is the last 30 days,
 * today included. A period still running ends now, so rates are not diluted by hours that
 * have not happened yet, and the previous period has the same length.
 */
export function resolvePeriod(input: { from?: string; to?: string }, now: Date, defaultDays = DEFAULT_PERIOD_DAYS): ResolvedPeriod {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const toDay = input.to ? parseDay(input.to) : today;
  const fromDay = input.from ? parseDay(input.from) : new Date(toDay.getTime() - (defaultDays - 1) * DAY_MS);
  if (fromDay > toDay) throw new PeriodError("The period's start (from) is after its end (to)");
  const spanDays = (toDay.getTime() - fromDay.getTime()) / DAY_MS + 1;
  if (spanDays > MAX_PERIOD_DAYS) throw new PeriodError(`A period may span at most ${MAX_PERIOD_DAYS} days`);
  const start = fromDay;
  const end = new Date(Math.min(toDay.getTime() + DAY_MS, now.getTime()));
  if (end <= start) throw new PeriodError("The period starts in the future");
  const length = end.getTime() - start.getTime();
  return {
    from: formatDay(fromDay),
    to: formatDay(toDay),
    current: { start, end },
    previous: { start: new Date(start.getTime() - length), end: start },
    days: length / DAY_MS,
  };
}
