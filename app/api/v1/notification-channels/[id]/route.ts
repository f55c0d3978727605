import { z } from "zod";
import { deleteNotificationChannel, updateNotificationChannel, updateNotificationChannelInput } from "@/lib/domain/notifications/notification-channels";
import { route } from "@/lib/http/route";

const params = z.object({ id: z.uuid() });

export const PATCH = route({ params, body: updateNotificationChannelInput }, async ({ ctx, params, body }) => ({ channel: await updateNotificationChannel(ctx, params.id, body) }));

export const DELETE = route({ params }, async ({ ctx, params }) => {
  await deleteNotificationChannel(ctx, params.id);
  return new Response(null, { status: 204 });
});
