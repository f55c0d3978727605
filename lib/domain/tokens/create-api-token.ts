import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { canSee } from "@/lib/auth/authorize";
import { generateApiToken } from "@/lib/auth/api-tokens";
import { ACTIONS, roleAllows, type Action } from "@/lib/auth/permissions";
import { serviceResource } from "@/lib/auth/resources";
import { db } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";
import { AppError, notFound } from "@/lib/http/errors";
import { tokenViewSelect, toTokenView } from "./token-view";

export const createApiTokenInput = z.object({
  name: z.string().trim().min(1).max(100),
  scopes: z.array(z.enum(ACTIONS)).min(1, "pick at least one scope").max(ACTIONS.length),
  serviceIds: z.array(z.uuid()).max(100).default([]),
  expiresInDays: z.number().int().min(1).max(365).default(90),
});

export type CreateApiTokenInput = z.input<typeof createApiTokenInput>;

/**
 * Mints a token for the calling user. Its scopes must be permissions the user holds somewhere
 * today; at use time it is further limited to what the user holds *then*. The plaintext token is
 * returned once and only its hash is stored.
 */
export async function createApiToken(ctx: DomainContext, rawInput: CreateApiTokenInput) {
  const input = createApiTokenInput.parse(rawInput);
  const actor = ctx.actor;
  if (actor.kind !== "user") throw new AppError("forbidden", "Only a signed-in person can create API tokens (a token cannot mint tokens)");
  const held = new Set<Action>(actor.bindings.flatMap((b) => ACTIONS.filter((a) => roleAllows(b.role, a))));
  const beyond = input.scopes.filter((scope) => !held.has(scope));
  if (beyond.length > 0) {
    throw new AppError("forbidden", `A token cannot have permissions you do not hold: ${beyond.join(", ")}`, { missingPermissions: beyond });
  }
  const serviceIds = [...new Set(input.serviceIds)];
  if (serviceIds.length > 0) {
    const services = await db.service.findMany({ where: { id: { in: serviceIds } }, select: { id: true, teamId: true, slug: true } });
    if (services.length !== serviceIds.length || services.some((s) => !canSee(actor, serviceResource(s)))) throw notFound("Service");
  }
  const { token, prefix, hash } = generateApiToken();
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  const record = await db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: { userId: actor.userId, name: input.name, prefix, tokenHash: hash, scopes: input.scopes, serviceIds, expiresAt },
      select: tokenViewSelect,
    });
    await recordAudit(tx, ctx, {
      action: "token.create",
      targetType: "ApiToken",
      targetId: row.id,
      after: { name: row.name, prefix, scopes: row.scopes, serviceIds, expiresAt },
    });
    return row;
  });
  return { token, apiToken: toTokenView(record) };
}
