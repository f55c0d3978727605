import { can, serviceWhere } from "@/lib/auth/authorize";
import { environmentResource } from "@/lib/auth/resources";
import { db } from "@/lib/db/client";
import type { Environment } from "@/lib/db/generated/client";
import type { DomainContext } from "@/lib/domain/context";
import { env } from "@/lib/env";
import { findEnvironmentFor } from "./find-environment";
import { fleetNamesInclude } from "./fleet";
import { toEnvironmentSettingsView } from "./update-environment";

const withClusters = { clusters: { select: { clusterId: true, cluster: { select: { id: true, name: true } } }, orderBy: fleetNamesInclude.clusters.orderBy } } as const;

/** The settings view plus the clusters' names, in the order of clusterIds. */
function withClusterNames(row: Environment & { clusters: { clusterId: string; cluster: { id: string; name: string } }[] }) {
  return { ...toEnvironmentSettingsView(row), clusters: row.clusters.map((c) => c.cluster) };
}

/** Clusters an environment may be bound to: names only, for people who manage environments but not clusters. */
function clusterOptions() {
  return db.cluster.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
}

/** Where verification queries go when an environment names no Prometheus of its own. */
function serverDefaults() {
  return { prometheusUrl: env().GANTRY_PROMETHEUS_URL ?? null };
}

/**
 * The environments the caller may change settings of (`environment:manage`), grouped by service in
 * pipeline order, with the clusters they can be bound to. Empty for everyone else: read-only, so it
 * filters instead of refusing.
 */
export async function listManageableEnvironments(ctx: DomainContext) {
  const services = await db.service.findMany({
    where: serviceWhere(ctx.actor),
    orderBy: { slug: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      teamId: true,
      team: { select: { slug: true, name: true } },
      environments: { orderBy: { position: "asc" }, include: withClusters },
    },
  });
  const manageable = services
    .map(({ environments, ...service }) => ({
      ...service,
      environments: environments
        .filter((e) => can(ctx.actor, "environment:manage", environmentResource({ ...e, service: { teamId: service.teamId, slug: service.slug } })))
        .map(withClusterNames),
    }))
    .filter((service) => service.environments.length > 0);
  return { services: manageable, clusters: manageable.length > 0 ? await clusterOptions() : [], defaults: serverDefaults() };
}

export type ManageableService = Awaited<ReturnType<typeof listManageableEnvironments>>["services"][number];

/** One environment's settings for its edit page (404 when hidden, 403 without `environment:manage`). */
export async function getEnvironmentSettings(ctx: DomainContext, environmentId: string) {
  const { environment } = await findEnvironmentFor(ctx, environmentId, "environment:manage");
  const [row, upstream, clusters] = await Promise.all([
    db.environment.findUniqueOrThrow({ where: { id: environment.id }, include: withClusters }),
    db.environment.findFirst({ where: { serviceId: environment.serviceId, position: { lt: environment.position } }, orderBy: { position: "desc" }, select: { name: true } }),
    clusterOptions(),
  ]);
  return {
    service: { id: environment.service.id, slug: environment.service.slug, name: environment.service.name },
    environment: withClusterNames(row),
    /** The previous stage of the pipeline (what "upstream" and the soak time refer to). */
    upstream,
    clusters,
    defaults: serverDefaults(),
  };
}

export type EnvironmentSettings = Awaited<ReturnType<typeof getEnvironmentSettings>>;
