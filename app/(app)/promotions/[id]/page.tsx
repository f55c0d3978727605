import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { toJson } from "@/components/release/json";
import { PromotionLive } from "@/components/release/promotion-live";
import { requirePageContext } from "@/lib/auth/page-actor";
import { listAnalysesForPromotion } from "@/lib/domain/analyses/get-analysis";
import { getPromotion } from "@/lib/domain/promotions/get-promotion";
import { AppError } from "@/lib/http/errors";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;

/** One load per request, shared by the metadata and the page; a missing or hidden promotion is a 404. */
const load = cache(async (id: string) => {
  if (!z.uuid().safeParse(id).success) notFound();
  const ctx = await requirePageContext(`/promotions/${id}`);
  try {
    const [detail, analyses] = await Promise.all([getPromotion(ctx, id), listAnalysesForPromotion(ctx, id)]);
    return { detail, analyses, renderedAt: new Date().toISOString() };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { promotion } = (await load((await params).id)).detail;
  return { title: `${promotion.service.slug} / ${promotion.environment.name} ${promotion.artifact.version}` };
}

export default async function PromotionPage({ params }: { params: Params }) {
  const { detail, analyses, renderedAt } = await load((await params).id);
  return <PromotionLive initial={toJson(detail)} analyses={analyses} renderedAt={renderedAt} />;
}
