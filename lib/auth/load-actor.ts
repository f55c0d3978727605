import type { Db, Tx } from "@/lib/db/client";
import type { EffectiveBinding, TokenActor, UserActor } from "./actor";
import { hashApiToken } from "./api-tokens";
import { isAction } from "./permissions";

type Reader = Db | Tx;

const bindingSelect = {
  role: true,
  scopeTeamId: true,
  scopeServiceId: true,
  scopeEnvironmentId: true,
  scopeEnvironment: { select: { serviceId: true } },
} as const;

type BindingRow = {
  role: EffectiveBinding["role"];
  scopeTeamId: string | null;
  scopeServiceId: string | null;
  scopeEnvironmentId: string | null;
  scopeEnvironment: { serviceId: string } | null;
};

function toEffective(row: BindingRow, via: string): EffectiveBinding {
  if (row.scopeEnvironmentId && row.scopeEnvironment) {
    return { role: row.role, via, scope: { kind: "environment", environmentId: row.scopeEnvironmentId, serviceId: row.scopeEnvironment.serviceId } };
  }
  if (row.scopeServiceId) return { role: row.role, via, scope: { kind: "service", serviceId: row.scopeServiceId } };
  if (row.scopeTeamId) return { role: row.role, via, scope: { kind: "team", teamId: row.scopeTeamId } };
  return { role: row.role, via, scope: { kind: "global" } };
}

/**
 * Loads a user with every binding that applies to them (direct and through teams), fresh from the
 * database. Returns null for unknown or disabled users: a disabled user's sessions and tokens stop
 * working on their next request.
 */
export async function loadUserActor(db: Reader, userId: string): Promise<UserActor | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      name: true,
      disabledAt: true,
      roleBindings: { select: bindingSelect },
      memberships: { select: { team: { select: { slug: true, roleBindings: { select: bindingSelect } } } } },
    },
  });
  if (!user || user.disabledAt) return null;
  const bindings = [
    ...user.roleBindings.map((b) => toEffective(b, "direct")),
    ...user.memberships.flatMap((m) => m.team.roleBindings.map((b) => toEffective(b, m.team.slug))),
  ];
  const teamIds = [...new Set(bindings.flatMap((b) => (b.scope.kind === "team" ? [b.scope.teamId] : [])))];
  const teamServices = teamIds.length
    ? await db.service.findMany({ where: { teamId: { in: teamIds } }, select: { id: true, teamId: true } })
    : [];
  const teamServiceIds: Record<string, string[]> = {};
  for (const s of teamServices) (teamServiceIds[s.teamId] ??= []).push(s.id);
  return { kind: "user", userId: user.id, email: user.email, name: user.name, bindings, teamServiceIds };
}

/** Resolves a raw API token to its actor; null when unknown, revoked, expired, or its creator is disabled. */
export async function loadTokenActor(db: Reader, rawToken: string, now = new Date()): Promise<TokenActor | null> {
  const token = await db.apiToken.findUnique({ where: { tokenHash: hashApiToken(rawToken) } });
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt <= now)) return null;
  const creator = await loadUserActor(db, token.userId);
  if (!creator) return null;
  // Record use at most once a minute: every API call writing a row would be needless load.
  if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: token.id }, data: { lastUsedAt: now } });
  }
  return {
    ...creator,
    kind: "token",
    tokenId: token.id,
    tokenName: token.name,
    scopes: token.scopes.filter(isAction),
    serviceIds: token.serviceIds.length > 0 ? token.serviceIds : null,
  };
}
