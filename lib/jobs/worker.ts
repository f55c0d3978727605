import { db } from "@/lib/db/client";
import { executePromotion, type ExecuteOptions } from "@/lib/domain/promotions/execute-promotion";
import { verifyPromotion } from "@/lib/domain/promotions/verify-promotion";
import { scanDrift } from "@/lib/domain/environments/scan-drift";
import { log } from "@/lib/log";
import { startNotificationWorker } from "@/lib/notifications/worker";
import { getBoss, QUEUES, stopBoss } from "./boss";
import { JobDeferred, measuredJob } from "./measured-job";
import { enqueuePromotion, enqueueVerification, type PromotionJob } from "./promotion-queue";

export interface WorkerOptions {
  concurrency?: number;
  /** How often queued/deploying promotions without a live job are re-sent (crash recovery, holds, freezes). */
  reconcileMs?: number;
  driftScanMs?: number;
  execute?: Pick<ExecuteOptions, "rolloutTimeoutMs" | "restartThreshold" | "verification">;
}

/**
 * Re-sends a wake-up for every promotion that should be moving: Queued ones, and Deploying ones
 * whose worker died (the queue's one-job-per-promotion policy drops the send if a job is live).
 */
export async function reconcilePromotions() {
  const stuck = await db.promotion.findMany({
    where: { status: { in: ["Queued", "Deploying"] } },
    select: { id: true },
    orderBy: { queuedAt: "asc" },
    take: 500,
  });
  for (const { id } of stuck) await enqueuePromotion(id);
  const verifying = await db.analysis.findMany({
    where: { status: "Pending", promotion: { status: "Verifying" } },
    select: { promotionId: true, canaryEnd: true },
    take: 500,
  });
  for (const { promotionId, canaryEnd } of verifying) if (promotionId) await enqueueVerification(promotionId, canaryEnd);
  return stuck.length + verifying.length;
}

export async function startWorker(options: WorkerOptions = {}) {
  const boss = await getBoss();
  const workerId = await boss.work<PromotionJob>(
    QUEUES.promotionRun,
    { batchSize: 1, localConcurrency: options.concurrency ?? 4, pollingIntervalSeconds: 2 },
    measuredJob<PromotionJob>(QUEUES.promotionRun, async ([job]) => {
      if (!job) return;
      const outcome = await executePromotion(job.data.promotionId, { ...options.execute, attempt: job.retryCount, signal: job.signal });
      log.info("promotion job done", { promotionId: job.data.promotionId, ...outcome });
    }),
  );
  const verifyWorkerId = await boss.work<PromotionJob>(
    QUEUES.promotionVerify,
    { batchSize: 1, localConcurrency: 2, pollingIntervalSeconds: 2 },
    measuredJob<PromotionJob>(QUEUES.promotionVerify, async ([job]) => {
      if (!job) return;
      const outcome = await verifyPromotion(job.data.promotionId, { ...options.execute?.verification, attempt: job.retryCount });
      if (outcome.state === "waiting") throw new JobDeferred(`canary window still open until ${outcome.retryAt.toISOString()}`);
      log.info("verification done", { promotionId: job.data.promotionId, ...outcome });
    }),
  );
  const notifyWorkerId = await startNotificationWorker(boss);
  const timers = [
    setInterval(() => void reconcilePromotions().catch((e: Error) => log.warn("reconcile failed", { error: e.message })), options.reconcileMs ?? 15_000),
    setInterval(() => void scanDrift().catch((e: Error) => log.warn("drift scan failed", { error: e.message })), options.driftScanMs ?? 60_000),
  ];
  // Resume whatever a previous worker left mid-flight.
  await reconcilePromotions();
  log.info("worker started", { workerId });
  return {
    async stop() {
      timers.forEach(clearInterval);
      await boss.offWork(QUEUES.promotionRun, { id: workerId, wait: true } as never).catch(() => undefined);
      await boss.offWork(QUEUES.promotionVerify, { id: verifyWorkerId, wait: true } as never).catch(() => undefined);
      await boss.offWork(QUEUES.notificationDeliver, { id: notifyWorkerId, wait: true } as never).catch(() => undefined);
    },
    async shutdown() {
      timers.forEach(clearInterval);
      await stopBoss();
    },
  };
}
