import type { Metadata } from "next";
import { AdminOnlyNotice } from "@/components/settings/admin-only-notice";
import { ChannelsList, type DeliveryRow } from "@/components/settings/notifications/channels-list";
import { CreateChannelForm } from "@/components/settings/notifications/create-channel-form";
import { SectionHeading } from "@/components/settings/section-heading";
import { can, GLOBAL } from "@/lib/auth/authorize";
import { requirePageActor } from "@/lib/auth/page-actor";
import { db } from "@/lib/db/client";
import { listNotificationChannels, listNotificationDeliveries } from "@/lib/domain/notifications/notification-channels";

export const metadata: Metadata = { title: "Notifications" };

export default async function NotificationsPage() {
  const actor = await requirePageActor("/settings/notifications");
  if (!can(actor, "user:manage", GLOBAL)) return <AdminOnlyNotice permission="user:manage" />;
  const ctx = { actor };
  const [channels, teams, environments] = await Promise.all([
    listNotificationChannels(ctx),
    db.team.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    db.environment.findMany({ select: { id: true, name: true, service: { select: { slug: true } } } }),
  ]);
  const teamName = new Map(teams.map((t) => [t.id, t.name]));
  const envName = new Map(environments.map((e) => [e.id, `${e.service.slug} / ${e.name}`]));
  const scopes = Object.fromEntries(
    channels.flatMap((c) => (c.teamId ? [[c.id, `Team ${teamName.get(c.teamId) ?? c.teamId}`]] : c.environmentId ? [[c.id, envName.get(c.environmentId) ?? c.environmentId]] : [])),
  );
  const deliveries: Record<string, DeliveryRow[]> = Object.fromEntries(await Promise.all(channels.map(async (c) => [c.id, await listNotificationDeliveries(ctx, c.id, 10)] as const)));
  return (
    <section aria-labelledby="notifications-title" className="flex flex-col gap-4">
      <SectionHeading
        id="notifications-title"
        title="Notifications"
        description="Webhooks (Slack or generic JSON) for approvals requested, failed promotions and verifications, rollbacks, drift and freeze overrides. Each request is signed with X-Gantry-Signature."
      />
      <CreateChannelForm teams={teams} />
      <ChannelsList channels={channels} scopes={scopes} deliveries={deliveries} />
    </section>
  );
}
