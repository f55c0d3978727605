import { Card, CardBody } from "@/components/ui/card";
import { EVENT_TITLES, type NotificationEvent } from "@/lib/notifications/events";
import type { NotificationChannelView } from "@/lib/domain/notifications/notification-channels";
import { ChannelActions } from "./channel-actions";

export interface DeliveryRow {
  id: string;
  event: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: Date;
}

const statusClass: Record<string, string> = {
  Delivered: "text-emerald-700 dark:text-emerald-400",
  Failed: "text-red-700 dark:text-red-400",
  Pending: "text-amber-700 dark:text-amber-400",
};

export function ChannelsList({ channels, scopes, deliveries }: { channels: NotificationChannelView[]; scopes: Record<string, string>; deliveries: Record<string, DeliveryRow[]> }) {
  if (channels.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">No webhooks yet.</p>;
  return (
    <ul className="flex flex-col gap-3">
      {channels.map((c) => (
        <li key={c.id}>
          <Card>
            <CardBody>
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="min-w-0">
                  <p className="font-medium text-zinc-900 dark:text-zinc-100">
                    {c.name} <span className="text-xs font-normal text-zinc-500">{c.kind}{c.enabled ? "" : " · disabled"}</span>
                  </p>
                  <p className="truncate font-mono text-xs text-zinc-500">{c.url}</p>
                  <p className="text-xs text-zinc-500">
                    {scopes[c.id] ?? "All teams"} · {c.events.map((e) => EVENT_TITLES[e as NotificationEvent] ?? e).join(", ")} · {c.hasSecret ? "signed" : "unsigned"}
                  </p>
                </div>
                <ChannelActions id={c.id} name={c.name} enabled={c.enabled} />
              </div>
              {(deliveries[c.id] ?? []).length > 0 && (
                <table className="mt-3 w-full text-left text-xs">
                  <caption className="sr-only">Recent deliveries of {c.name}</caption>
                  <thead className="text-zinc-500">
                    <tr>
                      <th className="py-1 font-medium">When</th>
                      <th className="py-1 font-medium">Event</th>
                      <th className="py-1 font-medium">Status</th>
                      <th className="py-1 font-medium">Attempts</th>
                      <th className="py-1 font-medium">Last answer</th>
                    </tr>
                  </thead>
                  <tbody>
                    {deliveries[c.id]!.map((d) => (
                      <tr key={d.id} className="border-t border-zinc-100 dark:border-zinc-800">
                        <td className="py-1">{d.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC</td>
                        <td className="py-1">{EVENT_TITLES[d.event as NotificationEvent] ?? d.event}</td>
                        <td className={`py-1 ${statusClass[d.status] ?? ""}`}>{d.status}</td>
                        <td className="py-1">{d.attempts}</td>
                        <td className="py-1 break-all">{d.lastError ?? (d.lastStatusCode ? `HTTP ${d.lastStatusCode}` : "—")}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </CardBody>
          </Card>
        </li>
      ))}
    </ul>
  );
}
