import type { Resource } from "./authorize";

/** Resources are always built from database rows, so their scope cannot be forged by a client. */
export function serviceResource(service: { id: string; teamId: string; slug: string }): Resource {
  return { kind: "service", serviceId: service.id, teamId: service.teamId, label: service.slug };
}

export function environmentResource(environment: {
  id: string;
  name: string;
  serviceId: string;
  service: { teamId: string; slug: string };
}): Resource {
  return {
    kind: "environment",
    environmentId: environment.id,
    serviceId: environment.serviceId,
    teamId: environment.service.teamId,
    label: `${environment.service.slug} / ${environment.name}`,
  };
}
