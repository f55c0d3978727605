import { ROLE_DESCRIPTIONS } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";
import { AppError } from "@/lib/http/errors";

/** The caller and their effective roles, with human scope labels (for the user menu). */
export async function getMe(ctx: DomainContext) {
  const actor = ctx.actor;
  if (actor.kind === "system") throw new AppError("forbidden", "Not a person");
  const teamIds = actor.bindings.flatMap((b) => (b.scope.kind === "team" ? [b.scope.teamId] : []));
  const serviceIds = actor.bindings.flatMap((b) => (b.scope.kind === "service" || b.scope.kind === "environment" ? [b.scope.serviceId] : []));
  const environmentIds = actor.bindings.flatMap((b) => (b.scope.kind === "environment" ? [b.scope.environmentId] : []));
  const [teams, services, environments] = await Promise.all([
    db.team.findMany({ where: { id: { in: teamIds } }, select: { id: true, slug: true } }),
    db.service.findMany({ where: { id: { in: serviceIds } }, select: { id: true, slug: true } }),
    db.environment.findMany({ where: { id: { in: environmentIds } }, select: { id: true, name: true } }),
  ]);
  const slug = new Map([...teams, ...services].map((r) => [r.id, r.slug]));
  const envName = new Map(environments.map((e) => [e.id, e.name]));
  const roles = actor.bindings.map((b) => ({
    role: b.role,
    description: ROLE_DESCRIPTIONS[b.role],
    via: b.via,
    scope:
      b.scope.kind === "global"
        ? "global"
        : b.scope.kind === "team"
          ? `team ${slug.get(b.scope.teamId) ?? "?"}`
          : b.scope.kind === "service"
            ? (slug.get(b.scope.serviceId) ?? "?")
            : `${slug.get(b.scope.serviceId) ?? "?"} / ${envName.get(b.scope.environmentId) ?? "?"}`,
  }));
  return {
    id: actor.userId,
    email: actor.email,
    name: actor.name,
    authenticatedWith: actor.kind === "token" ? { kind: "token", name: actor.tokenName, scopes: actor.scopes } : { kind: "session" },
    roles,
  };
}
