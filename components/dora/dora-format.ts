import type { Change } from "@/lib/dora/classify";
import type { Level, MetricKey } from "@/lib/dora/thresholds";
import { LEVEL_LABELS } from "@/lib/dora/thresholds";
import type { BadgeTone } from "@/components/ui/badge";

/** Formatting of DORA values for people: locale-independent, so server and browser agree. */

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "45s", "12m", "3h 20m", "2.5d" (days get one decimal: lead times of weeks read better so). */
export function formatSeconds(seconds: number | null): string {
  if (seconds === null) return "No data";
  const abs = Math.abs(seconds);
  const sign = seconds < 0 ? "−" : "";
  if (abs < MINUTE) return `${sign}${Math.round(abs)}s`;
  if (abs < HOUR) return `${sign}${Math.round(abs / MINUTE)}m`;
  if (abs < DAY) {
    const hours = Math.floor(abs / HOUR);
    const minutes = Math.round((abs - hours * HOUR) / MINUTE);
    if (minutes === 60) return `${sign}${hours + 1}h`;
    return minutes ? `${sign}${hours}h ${minutes}m` : `${sign}${hours}h`;
  }
  const days = abs / DAY;
  return `${sign}${days < 10 ? trim(days.toFixed(1)) : Math.round(days)}d`;
}

/** "2.50" → "2.5", "3.0" → "3". */
function trim(value: string) {
  return value.includes(".") ? value.replace(/0+$/, "").replace(/\.$/, "") : value;
}

/** "7.5 %", "12 %", "0 %"; null is "No data" (never 0 %). */
export function formatPercent(rate: number | null): string {
  if (rate === null) return "No data";
  const percent = rate * 100;
  if (percent === 0) return "0 %";
  return `${percent < 10 ? trim(percent.toFixed(1)) : Math.round(percent)} %`;
}

/** "3.5", "12", "0.25": rates with the precision they deserve. */
export function formatRate(value: number): string {
  if (value === 0) return "0";
  if (value >= 10) return String(Math.round(value));
  if (value >= 1) return trim(value.toFixed(1));
  return trim(value.toFixed(2));
}

export function levelTone(level: Level | null): BadgeTone {
  switch (level) {
    case "elite":
      return "success";
    case "high":
      return "info";
    case "medium":
      return "warning";
    case "low":
      return "danger";
    default:
      return "neutral";
  }
}

export function levelLabel(level: Level | null): string {
  return level ? LEVEL_LABELS[level] : "No data";
}

/** "+2.5 / week (+40 %)", "−1h 10m", "+5 pts": the change of a headline value in its own unit. */
export function formatChange(metric: MetricKey, change: Change): string | null {
  if (change.delta === null) return null;
  if (change.trend === "unchanged") return "No change";
  const sign = change.delta > 0 ? "+" : "−";
  const abs = Math.abs(change.delta);
  switch (metric) {
    case "deploymentFrequency": {
      const relative = change.relative === null ? "" : ` (${change.relative > 0 ? "+" : "−"}${Math.round(Math.abs(change.relative) * 100)} %)`;
      return `${sign}${formatRate(abs)} / week${relative}`;
    }
    case "changeFailureRate":
      return `${sign}${trim((abs * 100).toFixed(1))} pts`;
    default:
      return `${sign}${formatSeconds(abs)}`;
  }
}

/** "2026-01-05 10:10 UTC": minutes are enough for deployments and incidents. */
export function formatWhen(date: Date | string): string {
  const iso = typeof date === "string" ? date : date.toISOString();
  return `${iso.slice(0, 16).replace("T", " ")} UTC`;
}
