import { log } from "@/lib/log";
import { getBoss, QUEUES } from "./boss";

export interface PromotionJob {
  promotionId: string;
}

/**
 * Hands a promotion to the workers. The state that matters is the promotion row (Queued or
 * Deploying); a job is only the wake-up call, so a lost send is repaired by the worker's
 * reconciler and a duplicate send is absorbed by the queue's one-job-per-promotion policy.
 */
export async function enqueuePromotion(promotionId: string, options: { startAfter?: Date } = {}) {
  try {
    const boss = await getBoss();
    await boss.send(QUEUES.promotionRun, { promotionId } satisfies PromotionJob, {
      singletonKey: promotionId,
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
    });
  } catch (error) {
    log.warn("could not enqueue promotion; the reconciler will retry", { promotionId, error: (error as Error).message });
  }
}

/** Schedules the metric judgement of a Verifying promotion for when its canary window ends. */
export async function enqueueVerification(promotionId: string, at: Date) {
  try {
    const boss = await getBoss();
    await boss.send(QUEUES.promotionVerify, { promotionId } satisfies PromotionJob, { singletonKey: promotionId, startAfter: at });
  } catch (error) {
    log.warn("could not schedule verification; the reconciler will retry", { promotionId, error: (error as Error).message });
  }
}
