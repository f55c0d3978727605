import { AppError } from "@/lib/http/errors";
import type { Actor, BindingScope, EffectiveBinding } from "./actor";
import { roleAllows, type Action } from "./permissions";

/**
 * What an action is performed on, derived from the database record (never from client input).
 * `label` names it in error messages ("payments-api / prod").
 */
export type Resource =
  | { kind: "global"; label?: string }
  | { kind: "service"; serviceId: string; teamId: string; label: string }
  | { kind: "environment"; environmentId: string; serviceId: string; teamId: string; label: string };

export const GLOBAL: Resource = { kind: "global" };

function covers(scope: BindingScope, resource: Resource): boolean {
  switch (scope.kind) {
    case "global":
      return true;
    case "team":
      return resource.kind !== "global" && resource.teamId === scope.teamId;
    case "service":
      return resource.kind !== "global" && resource.serviceId === scope.serviceId;
    case "environment":
      return resource.kind === "environment" && resource.environmentId === scope.environmentId;
  }
}

/** A binding on one environment lets its holder see the whole service (but act only there). */
function reveals(scope: BindingScope, resource: Resource): boolean {
  if (covers(scope, resource)) return true;
  return scope.kind === "environment" && resource.kind !== "global" && resource.serviceId === scope.serviceId;
}

function tokenLimits(actor: Actor, resource: Resource): boolean {
  if (actor.kind !== "token" || !actor.serviceIds || actor.serviceIds.length === 0) return true;
  return resource.kind === "global" ? false : actor.serviceIds.includes(resource.serviceId);
}

function bindingsOf(actor: Actor): EffectiveBinding[] {
  return actor.kind === "system" ? [] : actor.bindings;
}

export function canSee(actor: Actor, resource: Resource): boolean {
  if (actor.kind === "system") return true;
  if (resource.kind === "global") return true;
  if (!tokenLimits(actor, resource)) return false;
  return bindingsOf(actor).some((b) => reveals(b.scope, resource));
}

export function can(actor: Actor, action: Action, resource: Resource): boolean {
  if (actor.kind === "system") return true;
  if (actor.kind === "token" && !actor.scopes.includes(action)) return false;
  if (!tokenLimits(actor, resource)) return false;
  // Reading follows visibility: an approver on one environment may read the whole service.
  const applies = action === "service:read" ? reveals : covers;
  return bindingsOf(actor).some((b) => roleAllows(b.role, action) && applies(b.scope, resource));
}

/**
 * The one authorization check. Throws 404 when the actor may not even know the resource exists,
 * 403 naming the missing permission when they may see it but not do this.
 */
export function authorize({ actor, action, resource }: { actor: Actor; action: Action; resource: Resource }): void {
  const noun = resource.kind === "environment" ? "Environment" : resource.kind === "service" ? "Service" : "Resource";
  if (!canSee(actor, resource)) throw new AppError("not_found", `${noun} not found`);
  if (!can(actor, action, resource)) {
    const where = resource.label ? ` on ${resource.label}` : resource.kind === "global" ? " (global)" : "";
    const tokenNote = actor.kind === "token" && !actor.scopes.includes(action) ? " (the API token's scopes do not include it)" : "";
    throw new AppError("forbidden", `You need the "${action}" permission${where}${tokenNote}`, {
      missingPermission: action,
      ...(resource.label ? { resource: resource.label } : {}),
    });
  }
}

/**
 * For list queries: the services the actor may see, as a Prisma `where` on Service
 * (`undefined` never appears: an empty list matches nothing).
 */
export function visibleServicesFilter(actor: Actor): { all: true } | { all: false; serviceIds: string[]; teamIds: string[] } {
  if (actor.kind === "system") return { all: true };
  const bindings = bindingsOf(actor);
  const limited = actor.kind === "token" && actor.serviceIds && actor.serviceIds.length > 0 ? actor.serviceIds : null;
  if (!limited && bindings.some((b) => b.scope.kind === "global")) return { all: true };
  const serviceIds = new Set<string>();
  const teamIds = new Set<string>();
  for (const b of bindings) {
    if (b.scope.kind === "global") limited?.forEach((id) => serviceIds.add(id));
    if (b.scope.kind === "team") {
      if (!limited) teamIds.add(b.scope.teamId);
      else for (const id of actor.teamServiceIds[b.scope.teamId] ?? []) if (limited.includes(id)) serviceIds.add(id);
    }
    if (b.scope.kind === "service" || b.scope.kind === "environment") {
      if (!limited || limited.includes(b.scope.serviceId)) serviceIds.add(b.scope.serviceId);
    }
  }
  return { all: false, serviceIds: [...serviceIds], teamIds: [...teamIds] };
}

export function serviceWhere(actor: Actor) {
  const visible = visibleServicesFilter(actor);
  if (visible.all) return {};
  return { OR: [{ id: { in: visible.serviceIds } }, { teamId: { in: visible.teamIds } }] };
}
