import { actorLabel } from "@/lib/auth/actor";
import type { Tx } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";

export interface AuditEntry {
  action: string;
  targetType: string;
  targetId: string;
  serviceId?: string | null;
  environmentId?: string | null;
  before?: unknown;
  after?: unknown;
}

/**
 * Appends one audit event inside the caller's transaction, so the record exists exactly when the
 * change does. Callers pass summaries, never secrets (no password hashes, no token values).
 */
export async function recordAudit(tx: Tx, ctx: DomainContext, entry: AuditEntry) {
  const actor = ctx.actor;
  await tx.auditEvent.create({
    data: {
      actorUserId: actor.kind === "system" ? null : actor.userId,
      actorTokenId: actor.kind === "token" ? actor.tokenId : null,
      actorLabel: actorLabel(actor),
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      serviceId: entry.serviceId ?? null,
      environmentId: entry.environmentId ?? null,
      ...(entry.before === undefined ? {} : { before: toJson(entry.before) }),
      ...(entry.after === undefined ? {} : { after: toJson(entry.after) }),
      requestId: ctx.requestId ?? null,
      ip: ctx.ip ?? null,
    },
  });
}

/** Dates and other objects become plain JSON (what the column stores and the UI shows). */
function toJson(value: unknown) {
  return JSON.parse(JSON.stringify(value ?? null)) as never;
}
