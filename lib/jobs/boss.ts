import { PgBoss } from "pg-boss";
import { env } from "@/lib/env";
import { log } from "@/lib/log";

export const QUEUES = {
  /** Runs one promotion (deploy → watch → record). One job per promotion at a time. */
  promotionRun: "promotion-run",
  /** Judges a release's metrics once its canary window has passed. */
  promotionVerify: "promotion-verify",
  /** One outgoing webhook delivery (lib/notifications); retried with backoff, each attempt recorded. */
  notificationDeliver: "notification-deliver",
} as const;

/** Overridable for tests (short delays); read when the queue is first created. */
export const NOTIFICATION_RETRY = { limit: 6, delaySeconds: 5 };

const globalForBoss = globalThis as unknown as { gantryBoss?: Promise<PgBoss> };

/**
 * The process-wide pg-boss. LISTEN/NOTIFY wakes workers within milliseconds of a send (an on-call
 * engineer must not wait for a poll); polling remains the fallback.
 */
export function getBoss(): Promise<PgBoss> {
  globalForBoss.gantryBoss ??= (async () => {
    const url = env().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set");
    const boss = new PgBoss({ connectionString: url, useListenNotify: true, max: 5 });
    boss.on("error", (error: Error) => log.error("job queue error", { error: error.message }));
    await boss.start();
    await boss.createQueue(QUEUES.promotionRun, {
      policy: "exclusive",
      notify: true,
      expireInSeconds: 30 * 60,
      heartbeatSeconds: 10,
      retryLimit: 20,
      retryDelay: 2,
      retryBackoff: true,
      retryDelayMax: 60,
    } as Parameters<PgBoss["createQueue"]>[1]);
    await boss.createQueue(QUEUES.promotionVerify, {
      policy: "exclusive",
      notify: true,
      expireInSeconds: 10 * 60,
      retryLimit: 20,
      retryDelay: 5,
      retryBackoff: true,
      retryDelayMax: 120,
    } as Parameters<PgBoss["createQueue"]>[1]);
    await boss.createQueue(QUEUES.notificationDeliver, {
      notify: true,
      expireInSeconds: 60,
      retryLimit: NOTIFICATION_RETRY.limit,
      retryDelay: NOTIFICATION_RETRY.delaySeconds,
      retryBackoff: true,
      retryDelayMax: 600,
    } as Parameters<PgBoss["createQueue"]>[1]);
    return boss;
  })().catch((error: unknown) => {
    globalForBoss.gantryBoss = undefined;
    throw error;
  });
  return globalForBoss.gantryBoss;
}

export async function stopBoss() {
  const boss = globalForBoss.gantryBoss;
  globalForBoss.gantryBoss = undefined;
  if (boss) await (await boss).stop({ graceful: true, timeout: 10_000 }).catch(() => undefined);
}
