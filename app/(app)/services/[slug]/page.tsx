import { ChevronRight } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { PromotionsTable } from "@/components/promotions/promotions-table";
import { toJson } from "@/components/release/json";
import { ServiceLive } from "@/components/release/service-live";
import { requirePageContext } from "@/lib/auth/page-actor";
import { listPromotions } from "@/lib/domain/promotions/list-promotions";
import { getService } from "@/lib/domain/services/get-service";
import { AppError } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

type Params = Promise<{ slug: string }>;
const RECENT_PROMOTIONS = 15;

const load = cache(async (slug: string) => {
  if (slug.length > 100) notFound();
  const ctx = await requirePageContext(`/services/${encodeURIComponent(slug)}`);
  try {
    const service = await getService(ctx, slug);
    const promotions = await listPromotions(ctx, { service: service.slug });
    return { service, promotions: promotions.slice(0, RECENT_PROMOTIONS) };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { service } = await load((await params).slug);
  return { title: service.name };
}

export default async function ServicePage({ params }: { params: Params }) {
  const { service, promotions } = await load((await params).slug);
  return (
    <>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm text-zinc-500 dark:text-zinc-400">
        <ol className="flex flex-wrap items-center gap-1">
          <li>
            <Link href="/" className="hover:text-zinc-900 hover:underline dark:hover:text-zinc-100">
              Pipelines
            </Link>
          </li>
          <li aria-hidden>
            <ChevronRight className="size-3.5" />
          </li>
          <li aria-current="page">{service.name}</li>
        </ol>
      </nav>
      <div className="mb-6">
        <h1 className="text-xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">{service.name}</h1>
        {service.description && <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">{service.description}</p>}
        <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
          <span>
            Team <span className="font-medium text-zinc-700 dark:text-zinc-300">{service.team.name}</span>
          </span>
          <span className="font-mono break-all">{service.imageRepository}</span>
        </div>
      </div>

      <ServiceLive initial={toJson(service)} />

      <section aria-labelledby="recent-promotions" className="mt-10">
        <div className="mb-3 flex items-baseline justify-between gap-3">
          <h2 id="recent-promotions" className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            Recent promotions
          </h2>
          <Link href={`/promotions?service=${encodeURIComponent(service.slug)}`} className="text-xs font-medium text-indigo-700 hover:underline dark:text-indigo-300">
            All promotions of {service.name}
          </Link>
        </div>
        {promotions.length > 0 ? (
          <PromotionsTable promotions={promotions} now={new Date()} />
        ) : (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">No promotions yet.</p>
        )}
      </section>
    </>
  );
}
