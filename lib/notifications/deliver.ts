import { db } from "@/lib/db/client";
import { decryptSecret } from "@/lib/crypto/secret-box";
import { channelSecretContext, signBody } from "./sign";

export const DELIVERY_TIMEOUT_MS = 5_000;

export interface AttemptRecord {
  at: string;
  statusCode: number | null;
  error: string | null;
}

export type DeliveryOutcome = { state: "delivered" } | { state: "retry"; error: string } | { state: "failed"; error: string } | { state: "skipped" };

/**
 * One delivery attempt: POST the stored payload, signed with the channel's secret, and record the
 * attempt. `final` (the queue's last retry) turns a failure into Failed; before that the delivery
 * stays Pending and the caller throws so the queue retries it with backoff.
 */
export async function attemptDelivery(deliveryId: string, options: { final: boolean; fetchImpl?: typeof fetch }): Promise<DeliveryOutcome> {
  const delivery = await db.notificationDelivery.findUnique({ where: { id: deliveryId }, include: { channel: true } });
  if (!delivery || delivery.status !== "Pending") return { state: "skipped" };
  const body = JSON.stringify(delivery.payload);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "Gantry-Notifications",
    "x-gantry-event": delivery.event,
    "x-gantry-delivery": delivery.id,
  };
  if (delivery.channel.encryptedSecret) {
    headers["x-gantry-signature"] = signBody(body, decryptSecret(delivery.channel.encryptedSecret, { context: channelSecretContext(delivery.channelId) }));
  }
  let statusCode: number | null = null;
  let error: string | null = null;
  try {
    const response = await (options.fetchImpl ?? fetch)(delivery.channel.url, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS) });
    statusCode = response.status;
    await response.body?.cancel().catch(() => undefined);
    if (statusCode < 200 || statusCode >= 300) error = `HTTP ${statusCode}`;
  } catch (e) {
    error = (e as Error).name === "TimeoutError" ? `no answer within ${DELIVERY_TIMEOUT_MS / 1000} s` : (e as Error).message;
  }
  const now = new Date();
  const attempt: AttemptRecord = { at: now.toISOString(), statusCode, error };
  const history = [...((delivery.history as unknown as AttemptRecord[]) ?? []), attempt];
  const status = error === null ? "Delivered" : options.final ? "Failed" : "Pending";
  await db.notificationDelivery.update({
    where: { id: deliveryId },
    data: {
      status,
      attempts: { increment: 1 },
      lastStatusCode: statusCode,
      lastError: error,
      history: history as unknown as object[],
      deliveredAt: error === null ? now : null,
    },
  });
  if (error === null) return { state: "delivered" };
  return options.final ? { state: "failed", error } : { state: "retry", error };
}
