import { recordAudit } from "@/lib/audit/record-audit";
import { detectDrift } from "@/lib/clusters";
import { db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { currentDeployment } from "@/lib/domain/promotions/policy-context";
import { ENGINE } from "@/lib/domain/promotions/execute-promotion";
import { notify } from "@/lib/notifications/notify";

/**
 * Compares every environment's live image with what Gantry last deployed there and records drift
 * (someone ran `kubectl set image`). Environments with a promotion in flight are skipped.
 */
export async function scanDrift(options: { environmentIds?: string[] } = {}) {
  const environments = await db.environment.findMany({
    where: {
      clusterId: { not: null },
      promotions: { none: { status: { in: ["Deploying", "Verifying"] } } },
      ...(options.environmentIds ? { id: { in: options.environmentIds } } : {}),
    },
    include: { cluster: true },
  });
  const results: { environmentId: string; drifted: boolean; liveImage?: string }[] = [];
  for (const env of environments) {
    const current = await currentDeployment(env.id);
    if (!current || !env.cluster) continue;
    const expected = `${current.artifact.imageRepository}@${current.artifact.imageDigest}`;
    try {
      const report = await detectDrift(
        { cluster: env.cluster, namespace: env.namespace, workloadKind: env.workloadKind, workloadName: env.workloadName, containerName: env.containerName },
        { imageRef: expected },
      );
      const now = new Date();
      const newlyDrifted = report.drifted && !env.driftDetectedAt;
      await db.$transaction(async (tx) => {
        await tx.environment.update({
          where: { id: env.id },
          data: {
            driftCheckedAt: now,
            driftDetectedAt: report.drifted ? (env.driftDetectedAt ?? now) : null,
            driftLiveImage: report.drifted ? report.live.image : null,
          },
        });
        if (newlyDrifted || (!report.drifted && env.driftDetectedAt)) {
          await recordAudit(tx, { actor: ENGINE }, {
            action: report.drifted ? "environment.drift_detected" : "environment.drift_resolved",
            targetType: "Environment",
            targetId: env.id,
            serviceId: env.serviceId,
            environmentId: env.id,
            after: { expected, live: report.live.image },
          });
        }
      });
      if (newlyDrifted) await notify("drift.detected", { environmentId: env.id, detail: `Expected ${expected}, live ${report.live.image}` });
      results.push({ environmentId: env.id, drifted: report.drifted, liveImage: report.live.image });
    } catch (error) {
      log.warn("drift check failed", { environmentId: env.id, error: (error as Error).message });
    }
  }
  return results;
}
