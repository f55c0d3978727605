import { z } from "zod";
import { can, GLOBAL, visibleServicesFilter } from "@/lib/auth/authorize";
import { db } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";
import { AppError } from "@/lib/http/errors";

export const auditFilterInput = z.object({
  actor: z.string().trim().min(1).max(200).optional(),
  action: z.string().trim().min(1).max(100).optional(),
  serviceId: z.uuid().optional(),
  environmentId: z.uuid().optional(),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  cursor: z.string().regex(/^\d{1,19}$/, "must be a cursor from a previous page").optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
});

export type AuditFilter = z.infer<typeof auditFilterInput>;

/**
 * The audit trail, newest first, cursor-paginated. People with a global role see everything;
 * others see the events of services they can see.
 */
export async function listAuditEvents(ctx: DomainContext, filter: AuditFilter) {
  const visible = visibleServicesFilter(ctx.actor);
  const seesAll = visible.all && can(ctx.actor, "audit:read", GLOBAL);
  // Every role carries audit:read, so any binding grants it somewhere; tokens need it in their scopes.
  const actor = ctx.actor;
  const mayRead = actor.kind === "system" || (actor.bindings.length > 0 && (actor.kind === "user" || actor.scopes.includes("audit:read")));
  if (!mayRead) {
    throw new AppError("forbidden", 'You need the "audit:read" permission', { missingPermission: "audit:read" });
  }
  const scopeFilter = seesAll
    ? {}
    : {
        serviceId: {
          in: visible.all
            ? []
            : [
                ...visible.serviceIds,
                ...(
                  await db.service.findMany({ where: { teamId: { in: visible.teamIds } }, select: { id: true } })
                ).map((s) => s.id),
              ],
        },
      };
  const where = {
    AND: [
      scopeFilter,
      filter.actor ? { actorLabel: { contains: filter.actor, mode: "insensitive" as const } } : {},
      filter.action ? (filter.action.endsWith(".") ? { action: { startsWith: filter.action } } : { action: filter.action }) : {},
      filter.serviceId ? { serviceId: filter.serviceId } : {},
      filter.environmentId ? { environmentId: filter.environmentId } : {},
      filter.from ? { occurredAt: { gte: filter.from } } : {},
      filter.to ? { occurredAt: { lt: filter.to } } : {},
      filter.cursor ? { id: { lt: BigInt(filter.cursor) } } : {},
    ],
  };
  const rows = await db.auditEvent.findMany({ where, orderBy: { id: "desc" }, take: filter.limit + 1 });
  const page = rows.slice(0, filter.limit);
  return {
    events: page.map((row) => ({ ...row, id: row.id.toString() })),
    nextCursor: rows.length > filter.limit ? page.at(-1)!.id.toString() : null,
  };
}

export type AuditEventView = Awaited<ReturnType<typeof listAuditEvents>>["events"][number];
