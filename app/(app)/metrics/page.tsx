import { Activity, SearchX, TriangleAlert } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { AnalysesTable } from "@/components/analysis/analyses-table";
import { AnalysisFilters } from "@/components/analysis/analysis-filters";
import { VERDICT_DISPLAY } from "@/components/analysis/analysis-format";
import { JudgeExplainer } from "@/components/analysis/judge-explainer";
import { TemplateSummary } from "@/components/analysis/template-summary";
import { buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageContext } from "@/lib/auth/page-actor";
import { ANALYSIS_VERDICTS } from "@/lib/domain/analyses/analysis-view";
import {
  countAnalysesByVerdict,
  listAnalysisFilterOptions,
  listRecentAnalyses,
  parseAnalysisFilters,
  type AnalysisPageFilters,
} from "@/lib/domain/analyses/list-analyses";
import { DEFAULT_ANALYSIS_TEMPLATE } from "@/lib/metrics/default-template";

export const dynamic = "force-dynamic";

const PAGE_SIZE = 25;
export const metadata: Metadata = { title: "Metrics" };

type SearchParams = Record<string, string | string[] | undefined>;

function href(filters: AnalysisPageFilters & { before?: string }) {
  const params = new URLSearchParams(Object.entries(filters).filter((entry): entry is [string, string] => typeof entry[1] === "string" && entry[1] !== ""));
  const query = params.toString();
  return query ? `/metrics?${query}` : "/metrics";
}

const COUNT_TONES = {
  Pass: "text-emerald-700 dark:text-emerald-400",
  Marginal: "text-amber-700 dark:text-amber-400",
  Fail: "text-red-700 dark:text-red-400",
  Inconclusive: "text-zinc-700 dark:text-zinc-300",
} as const;

export default async function MetricsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const raw = await searchParams;
  const { filters, invalid } = parseAnalysisFilters(raw);
  const beforeRaw = Array.isArray(raw.before) ? raw.before[0] : raw.before;
  const before = beforeRaw && z.iso.datetime({ offset: true }).safeParse(beforeRaw).success ? beforeRaw : undefined;
  const ctx = await requirePageContext("/metrics");
  const [analyses, options, counts] = await Promise.all([
    listRecentAnalyses(ctx, { ...filters, ...(before ? { before } : {}), limit: PAGE_SIZE }),
    listAnalysisFilterOptions(ctx),
    countAnalysesByVerdict(ctx, { ...(filters.service ? { service: filters.service } : {}), ...(filters.environment ? { environment: filters.environment } : {}) }),
  ]);
  const filtered = Object.keys(filters).length > 0;
  const now = new Date();
  const last = analyses[analyses.length - 1];
  const scope = { ...(filters.service ? { service: filters.service } : {}), ...(filters.environment ? { environment: filters.environment } : {}) };

  return (
    <>
      <PageHeader
        title="Metrics"
        description="Every release compared with the service’s behaviour just before it: error ratio, latency, restarts and CPU, judged statistically."
      />

      {counts.total > 0 && (
        <nav aria-label="Analyses by verdict" className="mb-5 grid grid-cols-2 gap-px overflow-hidden rounded-lg border border-zinc-200 bg-zinc-200 shadow-xs sm:grid-cols-5 dark:border-zinc-800 dark:bg-zinc-800">
          <Link
            href={href(scope)}
            aria-current={!filters.verdict ? "page" : undefined}
            className={cn("col-span-2 bg-white px-4 py-3 hover:bg-zinc-50 sm:col-span-1 dark:bg-zinc-900 dark:hover:bg-zinc-800/60", !filters.verdict && "ring-2 ring-indigo-500 ring-inset")}
          >
            <span className="block text-xs text-zinc-600 dark:text-zinc-400">All analyses</span>
            <span className="mt-0.5 block font-mono text-xl font-semibold text-zinc-900 tabular-nums dark:text-zinc-50">{counts.total}</span>
          </Link>
          {ANALYSIS_VERDICTS.map((verdict) => (
            <Link
              key={verdict}
              href={href({ ...scope, verdict })}
              aria-current={filters.verdict === verdict ? "page" : undefined}
              title={VERDICT_DISPLAY[verdict].meaning}
              className={cn("bg-white px-4 py-3 hover:bg-zinc-50 dark:bg-zinc-900 dark:hover:bg-zinc-800/60", filters.verdict === verdict && "ring-2 ring-indigo-500 ring-inset")}
            >
              <span className="block text-xs text-zinc-600 dark:text-zinc-400">{VERDICT_DISPLAY[verdict].label}</span>
              <span className={cn("mt-0.5 block font-mono text-xl font-semibold tabular-nums", counts[verdict] > 0 ? COUNT_TONES[verdict] : "text-zinc-500 dark:text-zinc-400")}>
                {counts[verdict]}
              </span>
            </Link>
          ))}
        </nav>
      )}

      {invalid.length > 0 && (
        <p role="status" className="mb-4 flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-500/40 dark:bg-amber-500/10 dark:text-amber-200">
          <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
          Ignored an invalid {invalid.join(" and ")} filter in the address.
        </p>
      )}

      <section aria-labelledby="recent-analyses" className="mb-8">
        <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="recent-analyses" className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            Recent analyses
          </h2>
          {counts.open > 0 && <span className="text-xs text-zinc-600 dark:text-zinc-400">{counts.open} still collecting or being judged</span>}
        </div>
        <AnalysisFilters filters={filters} options={options} />
        {analyses.length > 0 ? (
          <>
            <AnalysesTable analyses={analyses} now={now} />
            <div className="mt-3 flex justify-between gap-2 text-sm">
              {before ? (
                <Link href={href(filters)} className={buttonClasses({ variant: "ghost", size: "sm" })}>
                  Newest
                </Link>
              ) : (
                <span />
              )}
              {analyses.length === PAGE_SIZE && last && (
                <Link href={href({ ...filters, before: last.createdAt })} className={buttonClasses({ variant: "secondary", size: "sm" })}>
                  Older analyses
                </Link>
              )}
            </div>
          </>
        ) : filtered || before ? (
          <EmptyState
            icon={<SearchX />}
            title="No analyses match these filters"
            action={
              <Link href="/metrics" className={buttonClasses({ variant: "secondary" })}>
                Clear filters
              </Link>
            }
          />
        ) : (
          <EmptyState icon={<Activity />} title="No releases verified yet">
            An analysis appears here after each rollout into an environment with a metrics source: the minutes before the deployment compared with the minutes after it.
          </EmptyState>
        )}
      </section>

      <div className="flex flex-col gap-8">
        <JudgeExplainer headingId="how-the-judge-decides" />
        <TemplateSummary template={DEFAULT_ANALYSIS_TEMPLATE} headingId="default-template" />
      </div>
    </>
  );
}
