export interface FreezeWindowRule {
  id: string;
  kind: "OneOff" | "Weekly";
  reason: string;
  startsAt: Date | null;
  endsAt: Date | null;
  /** 0 = Sunday … 6 = Saturday, in `timeZone`. */
  dayOfWeek: number | null;
  startMinute: number | null;
  durationMinutes: number | null;
  timeZone: string;
}

const WEEK_MINUTES = 7 * 24 * 60;
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** Minutes since Sunday 00:00 of the wall clock in `timeZone` (so a weekly window follows DST). */
export function minuteOfWeek(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "0";
  return WEEKDAYS.indexOf(get("weekday")) * 1440 + Number(get("hour")) * 60 + Number(get("minute"));
}

export interface ActiveFreeze {
  window: FreezeWindowRule;
  endsAt: Date;
}

/** The freeze window in force at `now`, if any (the one ending last when several overlap). */
export function activeFreeze(windows: FreezeWindowRule[], now: Date): ActiveFreeze | null {
  let found: ActiveFreeze | null = null;
  for (const window of windows) {
    let endsAt: Date | null = null;
    if (window.kind === "OneOff" && window.startsAt && window.endsAt) {
      if (window.startsAt <= now && now < window.endsAt) endsAt = window.endsAt;
    } else if (window.kind === "Weekly" && window.dayOfWeek !== null && window.startMinute !== null && window.durationMinutes) {
      const start = window.dayOfWeek * 1440 + window.startMinute;
      const into = (minuteOfWeek(now, window.timeZone) - start + WEEK_MINUTES) % WEEK_MINUTES;
      if (into < window.durationMinutes) {
        endsAt = new Date(now.getTime() + (window.durationMinutes - into) * 60_000 - (now.getTime() % 60_000));
      }
    }
    if (endsAt && (!found || endsAt > found.endsAt)) found = { window, endsAt };
  }
  return found;
}
