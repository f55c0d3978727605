import { ArrowUpRight, ChevronRight } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { LiveAnalysisReport } from "@/components/analysis/live-analysis-report";
import { Digest } from "@/components/ui/digest";
import { RelativeTime } from "@/components/ui/relative-time";
import { requirePageContext } from "@/lib/auth/page-actor";
import { getAnalysis } from "@/lib/domain/analyses/get-analysis";
import { AppError } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;

/** One load per request, shared by the metadata and the page; a missing or hidden analysis is a 404. */
const load = cache(async (id: string) => {
  if (!z.uuid().safeParse(id).success) notFound();
  const ctx = await requirePageContext(`/analyses/${id}`);
  try {
    return await getAnalysis(ctx, id);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const analysis = await load((await params).id);
  return { title: `Verification of ${analysis.service.slug} ${analysis.artifact.version} in ${analysis.environment.name}` };
}

const linkClass = "font-medium text-indigo-700 hover:underline dark:text-indigo-300";

export default async function AnalysisPage({ params }: { params: Params }) {
  const analysis = await load((await params).id);
  const now = new Date();
  const environmentHistory = `/metrics?service=${encodeURIComponent(analysis.service.slug)}&environment=${encodeURIComponent(analysis.environment.name)}`;
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm text-zinc-500 dark:text-zinc-400">
        <ol className="flex flex-wrap items-center gap-1">
          <li>
            <Link href="/metrics" className="hover:text-zinc-900 hover:underline dark:hover:text-zinc-100">
              Metrics
            </Link>
          </li>
          <li aria-hidden>
            <ChevronRight className="size-3.5" />
          </li>
          <li>
            <Link href={`/services/${encodeURIComponent(analysis.service.slug)}`} className="hover:text-zinc-900 hover:underline dark:hover:text-zinc-100">
              {analysis.service.name}
            </Link>
          </li>
          <li aria-hidden>
            <ChevronRight className="size-3.5" />
          </li>
          <li>
            <Link href={environmentHistory} className="hover:text-zinc-900 hover:underline dark:hover:text-zinc-100">
              {analysis.environment.name}
            </Link>
          </li>
          <li aria-hidden>
            <ChevronRight className="size-3.5" />
          </li>
          <li aria-current="page">Verification</li>
        </ol>
      </nav>
      <div className="mb-6">
        <h1 className="text-xl font-semibold tracking-tight break-words text-zinc-900 dark:text-zinc-50">
          Verification of <span className="font-mono">{analysis.artifact.version}</span> in {analysis.environment.name}
        </h1>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
          {analysis.service.name}: metrics in the window before the deployment compared with the window after the rollout.
        </p>
        <dl className="mt-3 flex flex-wrap items-center gap-x-5 gap-y-1.5 text-xs text-zinc-600 dark:text-zinc-400">
          <div className="flex items-center gap-1.5">
            <dt>Promotion</dt>
            <dd>
              {analysis.promotion ? (
                <Link href={`/promotions/${analysis.promotion.id}`} className={`inline-flex items-center gap-0.5 ${linkClass}`}>
                  {analysis.promotion.kind === "Rollback" ? "rollback" : "promotion"} {analysis.promotion.id.slice(0, 8)}
                  <ArrowUpRight aria-hidden className="size-3" />
                </Link>
              ) : (
                "—"
              )}
            </dd>
          </div>
          <div className="flex items-center gap-1.5">
            <dt>Service</dt>
            <dd>
              <Link href={`/services/${encodeURIComponent(analysis.service.slug)}`} className={linkClass}>
                {analysis.service.slug}
              </Link>
            </dd>
          </div>
          <div className="flex items-center gap-1.5">
            <dt>Environment</dt>
            <dd>
              <Link href={environmentHistory} className={linkClass} title={`Verification history of ${analysis.service.slug} / ${analysis.environment.name}`}>
                {analysis.environment.name}
              </Link>
              {analysis.environment.isProduction && <span className="ml-1 rounded bg-zinc-100 px-1 py-px text-[10px] font-semibold tracking-wide text-zinc-700 uppercase dark:bg-zinc-800 dark:text-zinc-300">prod</span>}
            </dd>
          </div>
          <div className="flex items-center gap-1.5">
            <dt>Artifact</dt>
            <dd className="flex items-center gap-1">
              {analysis.previousArtifact && (
                <>
                  <span className="font-mono">{analysis.previousArtifact.version}</span>
                  <span aria-label="replaced by">→</span>
                </>
              )}
              <span className="font-mono font-medium text-zinc-800 dark:text-zinc-200">{analysis.artifact.version}</span>
              <Digest value={analysis.artifact.imageDigest} />
            </dd>
          </div>
          <div className="flex items-center gap-1.5">
            <dt>Deployed</dt>
            <dd>
              <RelativeTime date={new Date(analysis.deployment.startedAt)} now={now} />
            </dd>
          </div>
        </dl>
      </div>
      <LiveAnalysisReport analysisId={analysis.id} initial={analysis} renderedAt={now.toISOString()} />
    </>
  );
}
