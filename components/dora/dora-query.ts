import type { DoraFilters } from "@/lib/domain/dora/dora-scope";
import { PRODUCTION } from "@/lib/domain/dora/dora-scope";

export const DETAILS = ["deployments", "commits", "failures"] as const;
export type Detail = (typeof DETAILS)[number];

export function parseDetail(value: string | string[] | undefined): Detail {
  const text = Array.isArray(value) ? value[0] : value;
  return (DETAILS as readonly string[]).includes(text ?? "") ? (text as Detail) : "deployments";
}

/** A link to the DORA page or API with these filters (defaults left out, so URLs stay short). */
export function doraHref(path: string, filters: Partial<DoraFilters>, extra: Record<string, string> = {}, hash = ""): string {
  const params = new URLSearchParams();
  if (filters.team) params.set("team", filters.team);
  if (filters.service) params.set("service", filters.service);
  if (filters.environment && filters.environment !== PRODUCTION) params.set("environment", filters.environment);
  if (filters.from) params.set("from", filters.from);
  if (filters.to) params.set("to", filters.to);
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  const query = params.toString();
  return `${path}${query ? `?${query}` : ""}${hash}`;
}

/** The last `days` days up to today (UTC), as from/to. */
export function presetRange(days: number, now: Date): { from: string; to: string } {
  const today = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const from = new Date(today.getTime() - (days - 1) * 86_400_000);
  return { from: from.toISOString().slice(0, 10), to: today.toISOString().slice(0, 10) };
}
