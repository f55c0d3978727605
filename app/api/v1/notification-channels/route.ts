import { createNotificationChannel, createNotificationChannelInput, listNotificationChannels } from "@/lib/domain/notifications/notification-channels";
import { route } from "@/lib/http/route";

export const GET = route({}, async ({ ctx }) => ({ channels: await listNotificationChannels(ctx) }));

export const POST = route({ body: createNotificationChannelInput }, async ({ ctx, body }) => Response.json(await createNotificationChannel(ctx, body), { status: 201 }));
