"use client";

import { useQuery } from "@tanstack/react-query";
import { WifiOff } from "lucide-react";
import { useEffect, useState } from "react";
import { apiRequest } from "@/components/settings/api-client";
import type { AnalysisDetail } from "@/lib/domain/analyses/analysis-view";
import { isOpen } from "./analysis-format";
import { AnalysisReport } from "./analysis-report";

/** How often an open analysis (canary window collecting, or being judged) is refetched. */
export const OPEN_ANALYSIS_POLL_MS = 4_000;

/** Refetch an analysis while it is open; a judged one never changes again. */
export function analysisPollInterval(analysis: { status: AnalysisDetail["status"] } | undefined, everyMs = OPEN_ANALYSIS_POLL_MS): number | false {
  return analysis && isOpen(analysis) ? everyMs : false;
}

export const analysisQueryKey = (id: string) => ["analysis", id] as const;

export async function fetchAnalysis(id: string): Promise<AnalysisDetail> {
  const { analysis } = await apiRequest<{ analysis: AnalysisDetail }>("GET", `/api/v1/analyses/${encodeURIComponent(id)}`);
  return analysis;
}

/**
 * A clock for countdowns that only ticks while `active`. It starts at `start` (the server
 * render's time) so that the first client render matches the server's HTML.
 */
function useNow(active: boolean, start: string | undefined, everyMs = 1_000) {
  const [now, setNow] = useState(() => (start ? new Date(start) : new Date()));
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(new Date()), everyMs);
    return () => clearInterval(timer);
  }, [active, everyMs]);
  return now;
}

/**
 * The analysis report, kept current: while the analysis is Pending or Running it is refetched
 * from GET /api/v1/analyses/[id] every few seconds, and shows the verdict as soon as there is one.
 * Pass the server-rendered `initial` to avoid a loading state.
 */
export function LiveAnalysisReport({
  analysisId,
  initial,
  headingLevel = 2,
  pollMs = OPEN_ANALYSIS_POLL_MS,
  renderedAt,
  collapsePassing = false,
}: {
  analysisId: string;
  initial?: AnalysisDetail;
  headingLevel?: 2 | 3 | 4;
  pollMs?: number;
  /** When the server rendered `initial` (ISO), so countdowns hydrate without a mismatch. */
  renderedAt?: string;
  /** See AnalysisReport. */
  collapsePassing?: boolean;
}) {
  const query = useQuery({
    queryKey: analysisQueryKey(analysisId),
    queryFn: () => fetchAnalysis(analysisId),
    initialData: initial,
    refetchInterval: (q) => analysisPollInterval(q.state.data, pollMs),
  });
  const analysis = query.data;
  const now = useNow(Boolean(analysis && isOpen(analysis)), renderedAt);

  if (!analysis) {
    if (query.isError) {
      return (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900 dark:border-red-500/30 dark:bg-red-500/10 dark:text-red-100">
          Could not load the analysis: {query.error.message}
        </p>
      );
    }
    return (
      <div role="status" aria-live="polite" className="h-40 animate-pulse rounded-lg border border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-900">
        <span className="sr-only">Loading the analysis…</span>
      </div>
    );
  }

  return (
    <div>
      {query.isError && (
        <p role="status" className="mb-3 flex items-center gap-2 text-xs text-amber-800 dark:text-amber-300">
          <WifiOff aria-hidden className="size-3.5" />
          Could not refresh ({query.error.message}); showing what was last loaded.
        </p>
      )}
      <AnalysisReport analysis={analysis} now={now} headingLevel={headingLevel} collapsePassing={collapsePassing} />
    </div>
  );
}
