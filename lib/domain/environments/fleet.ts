import type { Prisma } from "@/lib/db/generated/client";

/**
 * An environment deploys to a set of clusters (a fleet): the same namespace, workload and
 * container on each. These are the shared ways of loading and summarising that set.
 */

/** The environment's clusters, full rows (connections for the engine and drift scan), by name. */
export const fleetInclude = {
  clusters: { include: { cluster: true }, orderBy: { cluster: { name: "asc" } } },
} as const satisfies Prisma.EnvironmentInclude;

/** The environment's clusters as id and name (what pages and settings show), by name. */
export const fleetNamesInclude = {
  clusters: { select: { cluster: { select: { id: true, name: true } } }, orderBy: { cluster: { name: "asc" } } },
} as const satisfies Prisma.EnvironmentInclude;

/** The environment's clusters (id, name) with their drift columns, by name; for select or include. */
export const fleetDriftSelect = {
  clusters: {
    select: { driftDetectedAt: true, driftLiveImage: true, cluster: { select: { id: true, name: true } } },
    orderBy: { cluster: { name: "asc" } },
  },
} as const satisfies Prisma.EnvironmentSelect & Prisma.EnvironmentInclude;

export interface ClusterDrift {
  cluster: string;
  detectedAt: Date;
  liveImage: string | null;
}

export interface DriftSummary {
  /** When drift was first seen on any cluster still drifted. */
  detectedAt: Date;
  /** The live image on the first drifted cluster (by name). */
  liveImage: string | null;
  /** Every drifted cluster, by name. */
  clusters: ClusterDrift[];
}

/** The environment's drift across its fleet, or null when every cluster runs what Gantry deployed. */
export function driftSummary(rows: { driftDetectedAt: Date | null; driftLiveImage: string | null; cluster: { name: string } }[]): DriftSummary | null {
  const clusters = rows
    .filter((r): r is typeof r & { driftDetectedAt: Date } => r.driftDetectedAt !== null)
    .map((r) => ({ cluster: r.cluster.name, detectedAt: r.driftDetectedAt, liveImage: r.driftLiveImage }));
  if (clusters.length === 0) return null;
  const first = Math.min(...clusters.map((c) => c.detectedAt.getTime()));
  return { detectedAt: new Date(first), liveImage: clusters[0]!.liveImage, clusters };
}
