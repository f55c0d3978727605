import { z } from "zod";
import { getDb, type Db } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";
import {
  drillCommits,
  drillDeployments,
  drillFailures,
  DRILLDOWN_KINDS,
  type CommitDrillRow,
  type DeploymentDrillRow,
  type Drilldown,
  type DrilldownKind,
  type FailureDrillRow,
} from "@/lib/dora/drilldown-queries";
import { resolveDoraScope, type DoraFilters } from "./dora-scope";

export const DRILLDOWN_PAGE_LIMIT = 100;
/** CSV exports stop here; the answer says how many rows there were in all. */
export const DRILLDOWN_EXPORT_LIMIT = 50_000;

export const drilldownKindSchema = z.enum(DRILLDOWN_KINDS);

export type DrilldownResult =
  | ({ kind: "deployments" } & Drilldown<DeploymentDrillRow>)
  | ({ kind: "commits" } & Drilldown<CommitDrillRow>)
  | ({ kind: "failures" } & Drilldown<FailureDrillRow>);

/** The deployments, commits or failures behind the DORA numbers of the same filters. */
export async function getDoraDrilldown(
  ctx: DomainContext,
  filters: DoraFilters,
  kind: DrilldownKind,
  options: { limit?: number; now?: Date; db?: Db } = {},
): Promise<DrilldownResult & { period: { from: string; to: string } }> {
  const db = options.db ?? getDb();
  const { scope, period } = await resolveDoraScope(ctx, filters, options.now ?? new Date(), db);
  const limit = options.limit ?? DRILLDOWN_PAGE_LIMIT;
  const meta = { period: { from: period.from, to: period.to } };
  switch (kind) {
    case "deployments":
      return { kind, ...meta, ...(await drillDeployments(db, scope, period.current, limit)) };
    case "commits":
      return { kind, ...meta, ...(await drillCommits(db, scope, period.current, limit)) };
    case "failures":
      return { kind, ...meta, ...(await drillFailures(db, scope, period.current, limit)) };
  }
}
