import type { Db } from "@/lib/db/client";

export interface CurrentWorkload {
  clusterName: string;
  namespace: string;
  name: string;
  container: string;
  /** `repository@sha256:…` of the latest succeeded deployment. */
  image: string;
  service: string;
  environment: string;
}

/**
 * What should be running in each environment, on each of its clusters, according to the database:
 * the artifact of its latest succeeded deployment. Development uses it to create the matching Deployments in the
 * sandbox cluster after seeding, so the first drift scan or rollout finds the seeded state.
 */
export async function listCurrentWorkloads(db: Db): Promise<CurrentWorkload[]> {
  const rows = await db.$queryRaw<CurrentWorkload[]>`
    SELECT c.name AS "clusterName", e.namespace, e."workloadName" AS name, e."containerName" AS container,
           a."imageRepository" || '@' || a."imageDigest" AS image, s.slug AS service, e.name AS environment
    FROM "Environment" e
    JOIN "Service" s ON s.id = e."serviceId"
    JOIN "EnvironmentCluster" ec ON ec."environmentId" = e.id
    JOIN "Cluster" c ON c.id = ec."clusterId"
    CROSS JOIN LATERAL (
      SELECT "artifactId" FROM "Deployment"
      WHERE "environmentId" = e.id AND outcome = 'Succeeded'
      ORDER BY "startedAt" DESC, id DESC
      LIMIT 1
    ) d
    JOIN "Artifact" a ON a.id = d."artifactId"
    ORDER BY s.slug, e.position, c.name`;
  return rows;
}
