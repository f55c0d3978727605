import { recordAudit } from "@/lib/audit/record-audit";
import { detectDrift, digestOf } from "@/lib/clusters";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { currentDeployment } from "@/lib/domain/promotions/policy-context";
import { ENGINE } from "@/lib/domain/promotions/execute-promotion";
import { notify } from "@/lib/notifications/notify";
import { fleetInclude } from "./fleet";

export interface DriftScanResult {
  environmentId: string;
  cluster: string;
  drifted: boolean;
  liveImage?: string;
}

/**
 * Compares the live image on every cluster of every environment with what Gantry last deployed
 * there and records drift per cluster (someone ran `kubectl set image` on one of them).
 * Environments with a promotion in flight are skipped; a cluster that cannot be read is skipped
 * (and logged) without hiding what the others say.
 */
export async function scanDrift(options: { environmentIds?: string[] } = {}) {
  const environments = await db.environment.findMany({
    where: {
      clusters: { some: {} },
      promotions: { none: { status: { in: ["Deploying", "Verifying"] } } },
      ...(options.environmentIds ? { id: { in: options.environmentIds } } : {}),
    },
    include: fleetInclude,
  });
  const results: DriftScanResult[] = [];
  for (const env of environments) {
    const current = await currentDeployment(env.id);
    if (!current) continue;
    const expected = `${current.artifact.imageRepository}@${current.artifact.imageDigest}`;
    for (const binding of env.clusters) {
      const cluster = binding.cluster.name;
      try {
        const report = await detectDrift(
          { cluster: binding.cluster, namespace: env.namespace, workloadKind: env.workloadKind, workloadName: env.workloadName, containerName: env.containerName },
          { imageRef: expected },
        );
        const now = new Date();
        const newlyDrifted = report.drifted && !binding.driftDetectedAt;
        await db.$transaction(async (tx) => {
          await tx.environmentCluster.update({
            where: { environmentId_clusterId: { environmentId: env.id, clusterId: binding.clusterId } },
            data: {
              driftCheckedAt: now,
              driftDetectedAt: report.drifted ? (binding.driftDetectedAt ?? now) : null,
              driftLiveImage: report.drifted ? report.live.image : null,
            },
          });
          if (newlyDrifted || (!report.drifted && binding.driftDetectedAt)) {
            await recordAudit(tx, { actor: ENGINE }, {
              action: report.drifted ? "environment.drift_detected" : "environment.drift_resolved",
              targetType: "Environment",
              targetId: env.id,
              serviceId: env.serviceId,
              environmentId: env.id,
              after: { cluster, expected, expectedDigest: digestOf(expected) ?? null, live: report.live.image, liveDigest: report.live.digest ?? null },
            });
          }
        });
        if (newlyDrifted) {
          await notify("drift.detected", {
            environmentId: env.id,
            detail: `Cluster ${cluster}: expected ${digestOf(expected) ?? expected}, live ${report.live.digest ?? report.live.image}`,
          });
        }
        results.push({ environmentId: env.id, cluster, drifted: report.drifted, liveImage: report.live.image });
      } catch (error) {
        log.warn("drift check failed", { environmentId: env.id, cluster, error: (error as Error).message });
      }
    }
  }
  return results;
}
