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

/** After a promotion request commits: approval.requested when it waits for approvers, freeze.override when one was used. */
export async function notifyPromotionRequested(promotionId: string, options: { awaitingApproval: boolean; freezeOverrideReason: string | null }) {
  if (options.awaitingApproval) await notify("approval.requested", { promotionId });
  if (options.freezeOverrideReason) await notify("freeze.override", { promotionId, detail: `Reason: ${options.freezeOverrideReason}` });
}

/**
 * After a promotion reached an end state (execution or verification committed): promotion.failed,
 * verification.failed or rollback.done, read from the promotion row so callers stay one line.
 */
export async function notifyPromotionSettled(promotionId: string, phase: "execution" | "verification") {
  try {
    const row = await db.promotion.findUnique({ where: { id: promotionId }, select: { status: true, kind: true, failureReason: true } });
    if (!row) return;
    const detail = row.failureReason;
    if (phase === "verification" && (row.status === "Failed" || row.status === "RolledBack")) await notify("verification.failed", { promotionId, detail });
    else if (phase === "execution" && row.status === "Failed") await notify("promotion.failed", { promotionId, detail });
    else if (row.status === "Succeeded" && row.kind === "Rollback") await notify("rollback.done", { promotionId, detail: null });
  } catch (error) {
    log.warn("notification fan-out failed", { promotionId, error: (error as Error).message });
  }
}
