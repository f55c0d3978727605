import { ChevronLeft, Download, ScrollText } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { AuditFilters } from "@/components/audit/audit-filters";
import { auditFilterFrom, auditHref, readAuditParams, withoutCursor } from "@/components/audit/audit-query";
import { AuditTable } from "@/components/audit/audit-table";
import { FormError } from "@/components/settings/form-error";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page-actor";
import { listAuditEvents } from "@/lib/domain/audit/list-audit-events";
import { listServiceScopes } from "@/lib/domain/services/list-service-scopes";
import { AppError } from "@/lib/http/errors";

export const metadata: Metadata = { title: "Audit" };

const PAGE_SIZE = 50;
/** The CSV export takes the newest matching events up to the API's page maximum. */
const EXPORT_LIMIT = 1000;

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = readAuditParams(await searchParams);
  const actor = await requirePageActor(auditHref("/audit", params));
  const ctx = { actor };
  const services = await listServiceScopes(ctx);
  const parsed = auditFilterFrom(params, PAGE_SIZE);
  let page: Awaited<ReturnType<typeof listAuditEvents>> | null = null;
  let problem: string | null = parsed.ok ? null : `Check the filters. ${parsed.problems.join(". ")}.`;
  if (parsed.ok) {
    try {
      page = await listAuditEvents(ctx, parsed.filter);
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 403) throw error;
      problem = error.message;
    }
  }
  const filters = withoutCursor(params);
  const names = {
    services: Object.fromEntries(services.map((s) => [s.id, s.slug])),
    environments: Object.fromEntries(services.flatMap((s) => s.environments.map((e) => [e.id, e.name]))),
  };

  return (
    <>
      <PageHeader
        title="Audit"
        description="Every change, sign-in and failed sign-in, newest first. Events are append-only."
        actions={
          <a href={auditHref("/api/v1/audit", { ...filters, format: "csv", limit: String(EXPORT_LIMIT) })} className={buttonClasses({ size: "sm" })} download>
            <Download aria-hidden />
            Export CSV
          </a>
        }
      />
      <div className="flex flex-col gap-4">
        <AuditFilters params={params} services={services} />
        <FormError error={problem ? { message: problem } : null} />
        {page && page.events.length === 0 && (
          <EmptyState icon={<ScrollText />} title="No audit events match">
            {Object.keys(filters).length ? "Try fewer filters or a wider time range." : "Nothing has been recorded yet."}
          </EmptyState>
        )}
        {page && page.events.length > 0 && <AuditTable events={page.events} names={names} />}
        {page && (params.cursor || page.nextCursor) && (
          <nav aria-label="Audit pages" className="flex flex-wrap items-center justify-between gap-2">
            {params.cursor ? (
              <Link href={auditHref("/audit", filters)} className={buttonClasses({ variant: "ghost", size: "sm" })}>
                <ChevronLeft aria-hidden />
                Newest
              </Link>
            ) : (
              <span />
            )}
            {page.nextCursor && (
              <Link href={auditHref("/audit", { ...filters, cursor: page.nextCursor })} className={buttonClasses({ size: "sm" })}>
                Older
              </Link>
            )}
          </nav>
        )}
        <p className="text-xs text-zinc-500 dark:text-zinc-400">The CSV export holds the {EXPORT_LIMIT.toLocaleString("en")} newest events matching the filters.</p>
      </div>
    </>
  );
}
