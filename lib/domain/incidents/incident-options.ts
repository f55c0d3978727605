import { listServiceScopes } from "@/lib/domain/services/list-service-scopes";
import type { DomainContext } from "@/lib/domain/context";
import { db } from "@/lib/db/client";
import { mayManage } from "./incident-target";

export interface IncidentTargetOption {
  slug: string;
  name: string;
  /** Environments where the caller may report incidents; the production one first. */
  environments: { name: string; isProduction: boolean }[];
}

/** Where the caller may report incidents: the options of the "Report an incident" form. */
export async function listIncidentTargets(ctx: DomainContext): Promise<IncidentTargetOption[]> {
  const services = await listServiceScopes(ctx);
  const environments = await db.environment.findMany({
    where: { serviceId: { in: services.map((s) => s.id) } },
    select: { id: true, name: true, isProduction: true, serviceId: true, position: true },
    orderBy: { position: "asc" },
  });
  const options: IncidentTargetOption[] = [];
  for (const service of services) {
    const target = { id: service.id, slug: service.slug, name: service.name, teamId: service.team.id };
    const allowed = environments
      .filter((e) => e.serviceId === service.id && mayManage(ctx.actor, { service: target, environment: e }))
      .sort((a, b) => Number(b.isProduction) - Number(a.isProduction) || b.position - a.position)
      .map((e) => ({ name: e.name, isProduction: e.isProduction }));
    if (allowed.length) options.push({ slug: service.slug, name: service.name, environments: allowed });
  }
  return options;
}
