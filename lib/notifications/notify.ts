import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import type { NotificationEvent } from "./events";
import { payloadFor, type NotificationFacts } from "./payload";
import { enqueueDelivery } from "./queue";

export interface NotifyContext {
  /** The promotion the event is about; its environment is used when environmentId is absent. */
  promotionId?: string;
  environmentId?: string;
  detail?: string | null;
}

function baseUrl(): string | null {
  const url = env().NEXTAUTH_URL;
  return url ? url.replace(/\/+$/, "") : null;
}

/**
 * Fans an event out to every enabled channel subscribed to it whose scope covers the environment
 * (its team, the environment itself, or global). Call after the transaction commits. Never throws:
 * a notification problem must not fail the release action that caused it.
 */
export async function notify(event: NotificationEvent, context: NotifyContext): Promise<void> {
  try {
    const promotion = context.promotionId
      ? await db.promotion.findUnique({ where: { id: context.promotionId }, select: { id: true, environmentId: true, artifact: { select: { version: true } } } })
      : null;
    const environmentId = context.environmentId ?? promotion?.environmentId;
    if (!environmentId) return;
    const environment = await db.environment.findUnique({
      where: { id: environmentId },
      select: { id: true, name: true, service: { select: { slug: true, teamId: true } } },
    });
    if (!environment) return;
    const channels = await db.notificationChannel.findMany({
      where: {
        enabled: true,
        events: { has: event },
        OR: [{ teamId: environment.service.teamId }, { environmentId: environment.id }, { teamId: null, environmentId: null }],
      },
    });
    if (channels.length === 0) return;
    const base = baseUrl();
    const facts: NotificationFacts = {
      event,
      occurredAt: new Date(),
      service: environment.service.slug,
      environment: environment.name,
      artifactVersion: promotion?.artifact.version ?? null,
      promotionId: promotion?.id ?? null,
      detail: context.detail ?? null,
      url: base ? (promotion ? `${base}/promotions/${promotion.id}` : `${base}/services/${environment.service.slug}`) : null,
    };
    const deliveries = await db.$transaction(
      channels.map((channel) => db.notificationDelivery.create({ data: { channelId: channel.id, event, payload: payloadFor(channel.kind, facts) }, select: { id: true } })),
    );
    await Promise.all(deliveries.map((d) => enqueueDelivery(d.id)));
  } catch (error) {
    log.warn("notification fan-out failed", { event, error: (error as Error).message });
  }
}
