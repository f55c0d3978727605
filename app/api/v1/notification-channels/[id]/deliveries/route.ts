import { z } from "zod";
import { listNotificationDeliveries } from "@/lib/domain/notifications/notification-channels";
import { route } from "@/lib/http/route";

export const GET = route({ params: z.object({ id: z.uuid() }) }, async ({ ctx, params }) => ({ deliveries: await listNotificationDeliveries(ctx, params.id) }));
