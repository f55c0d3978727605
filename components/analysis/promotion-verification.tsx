"use client";

import { useQuery } from "@tanstack/react-query";
import { Activity } from "lucide-react";
import Link from "next/link";
import { apiRequest } from "@/components/settings/api-client";
import type { AnalysisDetail, AnalysisListItem } from "@/lib/domain/analyses/analysis-view";
import { isOpen } from "./analysis-format";
import { LiveAnalysisReport, OPEN_ANALYSIS_POLL_MS } from "./live-analysis-report";
import { VerdictBadge } from "./verdict-badge";

/** Promotion statuses in which an analysis may still appear. */
const BEFORE_VERIFICATION = new Set(["Queued", "Deploying", "Verifying"]);

/**
 * Poll while the promotion's verification may still change: its latest analysis is open, or
 * there is none yet but the promotion is on its way to verification.
 */
export function promotionVerificationPollInterval(latest: { status: AnalysisListItem["status"] } | undefined, promotionStatus: string, everyMs = OPEN_ANALYSIS_POLL_MS): number | false {
  if (latest) return isOpen(latest) ? everyMs : false;
  return BEFORE_VERIFICATION.has(promotionStatus) ? everyMs : false;
}

export const promotionAnalysesQueryKey = (promotionId: string) => ["analyses", "promotion", promotionId] as const;

/**
 * The verification of one promotion, for the promotion page: the latest analysis as a live
 * report (older ones linked), or what to expect when there is none yet. Polls while the promotion
 * is on its way to verification or its analysis is open. `promotionStatus` should follow the
 * page's live promotion data so polling stops when the promotion settles.
 */
export function PromotionVerification({
  promotionId,
  promotionStatus,
  promotionKind,
  initial,
  renderedAt,
  headingLevel = 3,
}: {
  promotionId: string;
  promotionStatus: string;
  promotionKind?: string;
  /** Server-rendered analyses of the promotion (listAnalysesForPromotion), newest first. */
  initial?: AnalysisDetail[];
  /** When the server rendered `initial` (ISO), so countdowns hydrate without a mismatch. */
  renderedAt?: string;
  headingLevel?: 2 | 3 | 4;
}) {
  const list = useQuery({
    queryKey: promotionAnalysesQueryKey(promotionId),
    queryFn: async () => (await apiRequest<{ analyses: AnalysisListItem[] }>("GET", `/api/v1/analyses?promotion=${encodeURIComponent(promotionId)}&limit=20`)).analyses,
    initialData: initial?.map((a) => ({ id: a.id, status: a.status, verdict: a.verdict, createdAt: a.createdAt })),
    refetchInterval: (q) => promotionVerificationPollInterval(q.state.data?.[0], promotionStatus),
  });
  const analyses = list.data ?? [];
  const latest = analyses[0];

  if (!latest) {
    if (list.isPending) return <div role="status" className="h-24 animate-pulse rounded-lg bg-zinc-100 dark:bg-zinc-800/60"><span className="sr-only">Loading verification…</span></div>;
    return (
      <p className="flex items-start gap-2 rounded-md border border-dashed border-zinc-300 px-3 py-2.5 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
        <Activity aria-hidden className="mt-0.5 size-4 shrink-0" />
        {list.isError
          ? `Could not load the verification: ${list.error.message}`
          : promotionKind === "Rollback"
            ? "Rollbacks are not verified: they restore a release that was already known to be good."
            : BEFORE_VERIFICATION.has(promotionStatus)
              ? "Metrics are compared once the rollout has finished: the window before the deployment against the window after it."
              : "No verification ran for this promotion (it did not reach the cluster, or its environment has no metrics source)."}
      </p>
    );
  }

  const older = analyses.slice(1);
  return (
    <div className="flex flex-col gap-3">
      <LiveAnalysisReport analysisId={latest.id} initial={initial?.find((a) => a.id === latest.id)} renderedAt={renderedAt} headingLevel={headingLevel} collapsePassing />
      <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
        <Link href={`/analyses/${latest.id}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
          Open the full report
        </Link>
        {older.length > 0 && <span>Earlier analyses of this promotion:</span>}
        {older.map((a) => (
          <Link key={a.id} href={`/analyses/${a.id}`} className="inline-flex items-center gap-1 hover:underline">
            <VerdictBadge analysis={a} />
            <span className="sr-only">analysis of {a.createdAt}</span>
          </Link>
        ))}
      </p>
    </div>
  );
}
