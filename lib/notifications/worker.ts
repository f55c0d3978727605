import type { PgBoss } from "pg-boss";
import { NOTIFICATION_RETRY, QUEUES } from "@/lib/jobs/boss";
import { measuredJob } from "@/lib/jobs/measured-job";
import { log } from "@/lib/log";
import { attemptDelivery } from "./deliver";
import type { NotificationJob } from "./queue";

/** Delivers notifications; a failed attempt throws so pg-boss retries it with backoff, the last one marks the delivery Failed. */
export function startNotificationWorker(boss: PgBoss) {
  return boss.work<NotificationJob>(
    QUEUES.notificationDeliver,
    { batchSize: 1, localConcurrency: 4, pollingIntervalSeconds: 2 },
    measuredJob<NotificationJob>(QUEUES.notificationDeliver, async ([job]) => {
      if (!job) return;
      const outcome = await attemptDelivery(job.data.deliveryId, { final: job.retryCount >= NOTIFICATION_RETRY.limit });
      if (outcome.state === "retry") throw new Error(`notification delivery failed: ${outcome.error}`);
      if (outcome.state === "failed") log.warn("notification delivery gave up", { deliveryId: job.data.deliveryId, error: outcome.error });
    }),
  );
}
