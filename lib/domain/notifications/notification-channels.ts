import { randomBytes } from "node:crypto";
import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { authorize, GLOBAL } from "@/lib/auth/authorize";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import type { NotificationChannel } from "@/lib/db/generated/client";
import type { DomainContext } from "@/lib/domain/context";
import { AppError, notFound } from "@/lib/http/errors";
import { NOTIFICATION_EVENTS } from "@/lib/notifications/events";
import { channelSecretContext } from "@/lib/notifications/sign";

const channelFields = {
  name: z.string().trim().min(1).max(100),
  kind: z.enum(["Generic", "Slack"]),
  url: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2048),
  /** Write-only HMAC key for X-Gantry-Signature; null removes it. Omitted on create: one is generated and shown once. */
  secret: z.string().trim().min(16, "at least 16 characters").max(512).nullable(),
  teamId: z.uuid().nullable(),
  environmentId: z.uuid().nullable(),
  events: z.array(z.enum(NOTIFICATION_EVENTS)).min(1, "subscribe to at least one event").max(NOTIFICATION_EVENTS.length),
  enabled: z.boolean(),
};

export const createNotificationChannelInput = z
  .object({ ...channelFields, kind: channelFields.kind.default("Generic"), secret: channelFields.secret.optional(), teamId: channelFields.teamId.default(null), environmentId: channelFields.environmentId.default(null), enabled: channelFields.enabled.default(true) })
  .strict();
export const updateNotificationChannelInput = z
  .object(channelFields)
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, "send at least one field");

export function toChannelView(row: NotificationChannel) {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    url: row.url,
    hasSecret: row.encryptedSecret !== null,
    teamId: row.teamId,
    environmentId: row.environmentId,
    events: row.events,
    enabled: row.enabled,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export type NotificationChannelView = ReturnType<typeof toChannelView>;

const invalid = (path: string, message: string) => new AppError("validation_failed", "Invalid request body", [{ path, message }]);

async function checkScope(teamId: string | null, environmentId: string | null) {
  if (teamId && environmentId) throw invalid("environmentId", "scope a channel to a team or to an environment, not both");
  if (teamId && !(await db.team.findUnique({ where: { id: teamId }, select: { id: true } }))) throw notFound("Team");
  if (environmentId && !(await db.environment.findUnique({ where: { id: environmentId }, select: { id: true } }))) throw notFound("Environment");
}

const audit = (row: NotificationChannel) => ({ name: row.name, kind: row.kind, url: row.url, teamId: row.teamId, environmentId: row.environmentId, events: row.events, enabled: row.enabled, secret: row.encryptedSecret ? "set" : "not set" });

export async function listNotificationChannels(ctx: DomainContext) {
  authorize({ actor: ctx.actor, action: "user:manage", resource: GLOBAL });
  const rows = await db.notificationChannel.findMany({ orderBy: { createdAt: "asc" } });
  return rows.map(toChannelView);
}

/** Creates a channel; when no secret is given one is generated and returned once (it is stored encrypted). */
export async function createNotificationChannel(ctx: DomainContext, input: z.infer<typeof createNotificationChannelInput>) {
  authorize({ actor: ctx.actor, action: "user:manage", resource: GLOBAL });
  await checkScope(input.teamId, input.environmentId);
  const generated = input.secret === undefined ? randomBytes(24).toString("base64url") : null;
  const secret = input.secret === undefined ? generated : input.secret;
  return db.$transaction(async (tx) => {
    const created = await tx.notificationChannel.create({
      data: { name: input.name, kind: input.kind, url: input.url, teamId: input.teamId, environmentId: input.environmentId, events: input.events, enabled: input.enabled },
    });
    const row = secret
      ? await tx.notificationChannel.update({ where: { id: created.id }, data: { encryptedSecret: encryptSecret(secret, { context: channelSecretContext(created.id) }) } })
      : created;
    await recordAudit(tx, ctx, { action: "notification_channel.create", targetType: "NotificationChannel", targetId: row.id, after: audit(row) });
    return { channel: toChannelView(row), secret: generated };
  });
}

export async function updateNotificationChannel(ctx: DomainContext, id: string, input: z.infer<typeof updateNotificationChannelInput>) {
  authorize({ actor: ctx.actor, action: "user:manage", resource: GLOBAL });
  const existing = await db.notificationChannel.findUnique({ where: { id } });
  if (!existing) throw notFound("Notification channel");
  await checkScope(input.teamId === undefined ? existing.teamId : input.teamId, input.environmentId === undefined ? existing.environmentId : input.environmentId);
  const { secret, ...rest } = input;
  const data = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
  if (secret !== undefined) Object.assign(data, { encryptedSecret: secret === null ? null : encryptSecret(secret, { context: channelSecretContext(id) }) });
  return db.$transaction(async (tx) => {
    const row = await tx.notificationChannel.update({ where: { id }, data });
    await recordAudit(tx, ctx, { action: "notification_channel.update", targetType: "NotificationChannel", targetId: id, before: audit(existing), after: audit(row) });
    return toChannelView(row);
  });
}

export async function deleteNotificationChannel(ctx: DomainContext, id: string) {
  authorize({ actor: ctx.actor, action: "user:manage", resource: GLOBAL });
  const existing = await db.notificationChannel.findUnique({ where: { id } });
  if (!existing) throw notFound("Notification channel");
  await db.$transaction(async (tx) => {
    await tx.notificationChannel.delete({ where: { id } });
    await recordAudit(tx, ctx, { action: "notification_channel.delete", targetType: "NotificationChannel", targetId: id, before: audit(existing) });
  });
}

export async function listNotificationDeliveries(ctx: DomainContext, channelId: string, limit = 50) {
  authorize({ actor: ctx.actor, action: "user:manage", resource: GLOBAL });
  if (!(await db.notificationChannel.findUnique({ where: { id: channelId }, select: { id: true } }))) throw notFound("Notification channel");
  const rows = await db.notificationDelivery.findMany({ where: { channelId }, orderBy: { createdAt: "desc" }, take: limit });
  return rows.map((r) => ({
    id: r.id,
    event: r.event,
    status: r.status,
    attempts: r.attempts,
    lastStatusCode: r.lastStatusCode,
    lastError: r.lastError,
    history: r.history,
    payload: r.payload,
    createdAt: r.createdAt,
    deliveredAt: r.deliveredAt,
  }));
}
