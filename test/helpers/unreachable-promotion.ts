import { sealCredentials } from "@/lib/clusters/credentials";
import type { Db } from "@/lib/db/client";
import { findFreePort } from "@/lib/db/embedded-postgres";
import { enqueuePromotion } from "@/lib/jobs/promotion-queue";
import { createArtifact, createTeamWithService } from "./identity-fixture";

/**
 * A Queued promotion to an environment whose only cluster refuses connections (nothing listens on
 * a port just found free), handed to the workers: whoever runs it gets an `unreachable` cluster error.
 */
export async function queueUnreachablePromotion(db: Db, label: string) {
  const cluster = await db.cluster.create({
    data: {
      name: `${label}-unreachable`,
      apiServerUrl: `https://127.0.0.1:${await findFreePort()}`,
      caBundle: null,
      insecureSkipTlsVerify: false,
      ...sealCredentials({ authKind: "BearerToken", token: "unused-token" }),
    },
  });
  const { dev } = await createTeamWithService(db, label);
  await db.environment.update({ where: { id: dev.id }, data: { clusters: { create: { clusterId: cluster.id } }, requiredApprovals: 0, requireUpstreamSuccess: false } });
  const artifact = await createArtifact(db, dev.serviceId);
  const promotion = await db.promotion.create({ data: { environmentId: dev.id, artifactId: artifact.id, status: "Queued", approvedAt: new Date(), queuedAt: new Date() } });
  // The worker's reconciler would find it within 15 s; waking it through the queue is quicker.
  await enqueuePromotion(promotion.id);
  return promotion;
}
