import { authorize, type Resource } from "@/lib/auth/authorize";
import type { Action } from "@/lib/auth/permissions";
import { environmentResource, serviceResource } from "@/lib/auth/resources";
import { db, type Tx } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";
import { notFound } from "@/lib/http/errors";

const environmentInclude = { service: { select: { id: true, slug: true, name: true, teamId: true, imageRepository: true } } } as const;

/** Loads an environment and authorizes `action` on it (404 when missing or hidden, 403 when not allowed). */
export async function findEnvironmentFor(ctx: DomainContext, environmentId: string, action: Action, reader: Tx | typeof db = db) {
  const environment = await reader.environment.findUnique({ where: { id: environmentId }, include: environmentInclude });
  if (!environment) throw notFound("Environment");
  const resource: Resource = environmentResource(environment);
  authorize({ actor: ctx.actor, action, resource });
  return { environment, resource };
}

/** Loads a service by id or slug and authorizes `action` on it. */
export async function findServiceFor(ctx: DomainContext, idOrSlug: string, action: Action, reader: Tx | typeof db = db) {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrSlug);
  const service = await reader.service.findUnique({ where: isUuid ? { id: idOrSlug } : { slug: idOrSlug } });
  if (!service) throw notFound("Service");
  authorize({ actor: ctx.actor, action, resource: serviceResource(service) });
  return service;
}
