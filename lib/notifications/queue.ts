import { getBoss, QUEUES } from "@/lib/jobs/boss";
import { log } from "@/lib/log";

export interface NotificationJob {
  deliveryId: string;
}

/** The delivery row is the state; the job only wakes a worker (a lost send leaves a Pending row visible in Settings). */
export async function enqueueDelivery(deliveryId: string) {
  try {
    const boss = await getBoss();
    await boss.send(QUEUES.notificationDeliver, { deliveryId } satisfies NotificationJob, { singletonKey: deliveryId });
  } catch (error) {
    log.warn("could not enqueue notification delivery", { deliveryId, error: (error as Error).message });
  }
}
