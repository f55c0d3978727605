import { recordAudit } from "@/lib/audit/record-audit";
import { can, GLOBAL } from "@/lib/auth/authorize";
import { db } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";
import { AppError, notFound } from "@/lib/http/errors";
import { tokenViewSelect, toTokenView } from "./token-view";

/** Revokes your own token (or anyone's, for admins). Idempotent: revoking twice answers the same. */
export async function revokeApiToken(ctx: DomainContext, tokenId: string) {
  const actor = ctx.actor;
  if (actor.kind === "system") throw new AppError("forbidden", "Tokens belong to people");
  const admin = can(actor, "token:manage", GLOBAL);
  return db.$transaction(async (tx) => {
    const row = await tx.apiToken.findUnique({ where: { id: tokenId }, select: tokenViewSelect });
    if (!row || (row.user.id !== actor.userId && !admin)) throw notFound("API token");
    if (row.revokedAt) return toTokenView(row);
    const revoked = await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() }, select: tokenViewSelect });
    await recordAudit(tx, ctx, { action: "token.revoke", targetType: "ApiToken", targetId: tokenId, before: { name: row.name, prefix: row.prefix, owner: row.user.email } });
    return toTokenView(revoked);
  });
}
