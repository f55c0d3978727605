import { authorize, can, canSee, type Resource } from "@/lib/auth/authorize";
import type { Actor } from "@/lib/auth/actor";
import { roleAllows } from "@/lib/auth/permissions";
import { environmentResource, serviceResource } from "@/lib/auth/resources";
import { db, type Tx } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/http/errors";

type Reader = Tx | typeof db;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface IncidentTarget {
  service: { id: string; slug: string; name: string; teamId: string };
  environment: { id: string; name: string; isProduction: boolean } | null;
  resource: Resource;
}

/**
 * Where an incident happened: a service (slug or id) and one of its environments by name. Without
 * an environment, the service's production environment (the last one in its pipeline if it has
 * several): outages are reported against production unless said otherwise.
 */
export async function resolveIncidentTarget(serviceRef: string, environmentName: string | null | undefined, reader: Reader = db) {
  const service = await reader.service.findUnique({
    where: UUID.test(serviceRef) ? { id: serviceRef } : { slug: serviceRef },
    select: { id: true, slug: true, name: true, teamId: true, environments: { orderBy: { position: "asc" }, select: { id: true, name: true, isProduction: true } } },
  });
  if (!service) return null;
  const environment = environmentName
    ? (service.environments.find((e) => e.name === environmentName) ?? undefined)
    : (service.environments.filter((e) => e.isProduction).at(-1) ?? null);
  const { environments: _environments, ...rest } = service;
  return { service: rest, environment, environments: service.environments };
}

export function incidentResource(target: Pick<IncidentTarget, "service" | "environment">): Resource {
  return target.environment
    ? environmentResource({ id: target.environment.id, name: target.environment.name, serviceId: target.service.id, service: target.service })
    : serviceResource(target.service);
}

/** Resolves and authorizes `incident:manage` where the incident happened (404 when hidden or unknown). */
export async function authorizeIncidentTarget(actor: Actor, serviceRef: string, environmentName: string | null | undefined, reader: Reader = db): Promise<IncidentTarget> {
  const resolved = await resolveIncidentTarget(serviceRef, environmentName, reader);
  if (!resolved || !canSee(actor, serviceResource(resolved.service))) throw notFound("Service");
  if (resolved.environment === undefined) throw notFound("Environment");
  const target = { service: resolved.service, environment: resolved.environment };
  const resource = incidentResource(target);
  authorize({ actor, action: "incident:manage", resource });
  return { ...target, resource };
}

/** Whether the actor holds `incident:manage` anywhere (the Alertmanager receiver's first check). */
export function mayManageIncidentsSomewhere(actor: Actor): boolean {
  if (actor.kind === "system") return true;
  if (actor.kind === "token" && !actor.scopes.includes("incident:manage")) return false;
  return actor.bindings.some((b) => roleAllows(b.role, "incident:manage"));
}

export function mayManage(actor: Actor, target: Pick<IncidentTarget, "service" | "environment">) {
  return can(actor, "incident:manage", incidentResource(target));
}

/**
 * The deployment running in an environment at a moment: the latest one started by then that
 * went live (succeeded, was rolled back later, or was still rolling out). A failed rollout only
 * counts while it was failing, not after.
 */
export async function findLiveDeployment(environmentId: string, at: Date, reader: Reader = db) {
  return reader.deployment.findFirst({
    where: {
      environmentId,
      startedAt: { lte: at },
      OR: [{ outcome: { in: ["Succeeded", "RolledBack", "InProgress"] } }, { outcome: "Failed", finishedAt: { gte: at } }],
    },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    select: { id: true },
  });
}

/** An explicitly named deployment must be one of the incident's service, in its environment. */
export async function checkLinkedDeployment(deploymentId: string, target: Pick<IncidentTarget, "service" | "environment">, reader: Reader = db) {
  const deployment = await reader.deployment.findUnique({ where: { id: deploymentId }, select: { id: true, serviceId: true, environmentId: true, environment: { select: { name: true } } } });
  const problem = (message: string) => new AppError("validation_failed", message, [{ path: "deploymentId", message }]);
  if (!deployment || deployment.serviceId !== target.service.id) throw problem(`No deployment ${deploymentId} of ${target.service.slug}`);
  if (target.environment && deployment.environmentId !== target.environment.id) {
    throw problem(`Deployment ${deploymentId} ran in ${deployment.environment.name}, not in ${target.environment.name} where the incident is`);
  }
  return deployment.id;
}
