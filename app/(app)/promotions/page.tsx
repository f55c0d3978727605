import { Rocket, SearchX, TriangleAlert } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { PromotionFilters } from "@/components/promotions/promotion-filters";
import { PromotionsTable } from "@/components/promotions/promotions-table";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageContext } from "@/lib/auth/page-actor";
import {
  listPromotionFilterOptions,
  listPromotions,
  parsePromotionFilters,
  PROMOTION_LIST_LIMIT,
  type SearchParams,
} from "@/lib/domain/promotions/list-promotions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Promotions" };

export default async function PromotionsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const { filters, invalid } = parsePromotionFilters(await searchParams);
  const ctx = await requirePageContext("/promotions");
  const [promotions, options] = await Promise.all([listPromotions(ctx, filters), listPromotionFilterOptions(ctx)]);
  const filtered = Object.keys(filters).length > 0;
  const now = new Date();

  return (
    <>
      <PageHeader
        title="Promotions"
        description="Requests to run an artifact in an environment, newest first."
        meta={promotions.length === PROMOTION_LIST_LIMIT && <span>Showing the latest {PROMOTION_LIST_LIMIT}</span>}
      />
      {invalid.length > 0 && (
        <p role="status" className="mb-4 flex items-start gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-500/40 dark:bg-amber-500/10 dark:text-amber-200">
          <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
          Ignored an invalid {invalid.join(" and ")} filter in the address.
        </p>
      )}
      <PromotionFilters filters={filters} options={options} />
      {promotions.length > 0 ? (
        <PromotionsTable promotions={promotions} now={now} />
      ) : filtered ? (
        <EmptyState
          icon={<SearchX />}
          title="No promotions match these filters"
          action={
            <Link href="/promotions" className={buttonClasses({ variant: "secondary" })}>
              Clear filters
            </Link>
          }
        />
      ) : (
        <EmptyState icon={<Rocket />} title="No promotions yet">
          A promotion is a request to run an artifact in an environment. Promotions appear here as soon as someone asks
          to ship something.
        </EmptyState>
      )}
    </>
  );
}
