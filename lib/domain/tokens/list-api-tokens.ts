import { can, GLOBAL } from "@/lib/auth/authorize";
import { db } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";
import { AppError } from "@/lib/http/errors";
import { tokenViewSelect, toTokenView } from "./token-view";

/** Your own tokens; with `all`, everyone's (admins only). */
export async function listApiTokens(ctx: DomainContext, options: { all?: boolean | undefined } = {}) {
  const actor = ctx.actor;
  if (actor.kind === "system") throw new AppError("forbidden", "Tokens belong to people");
  if (options.all && !can(actor, "token:manage", GLOBAL)) {
    throw new AppError("forbidden", 'You need the "token:manage" permission (global) to list everyone\'s tokens', { missingPermission: "token:manage" });
  }
  const rows = await db.apiToken.findMany({
    where: options.all ? {} : { userId: actor.userId },
    select: tokenViewSelect,
    orderBy: { createdAt: "desc" },
  });
  return rows.map((row) => toTokenView(row));
}
