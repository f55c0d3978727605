"use client";

import { Bell } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { Input, Label, Select } from "@/components/ui/form-controls";
import { EVENT_TITLES, NOTIFICATION_EVENTS, type NotificationEvent } from "@/lib/notifications/events";
import { apiRequest } from "../api-client";
import { FormError } from "../form-error";
import { useApiMutation } from "../use-api-mutation";

interface CreateInput {
  name: string;
  kind: "Generic" | "Slack";
  url: string;
  teamId: string | null;
  events: NotificationEvent[];
}

export function CreateChannelForm({ teams }: { teams: { id: string; name: string }[] }) {
  const [name, setName] = useState("");
  const [kind, setKind] = useState<"Generic" | "Slack">("Slack");
  const [url, setUrl] = useState("");
  const [teamId, setTeamId] = useState("");
  const [events, setEvents] = useState<NotificationEvent[]>([...NOTIFICATION_EVENTS]);
  const [secret, setSecret] = useState<string | null>(null);
  const mutation = useApiMutation((input: CreateInput) => apiRequest<{ secret: string | null }>("POST", "/api/v1/notification-channels", input), {
    onSuccess: (result) => {
      setSecret(result.secret);
      setName("");
      setUrl("");
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!mutation.isPending) mutation.mutate({ name: name.trim(), kind, url: url.trim(), teamId: teamId || null, events });
  }
  const toggle = (e: NotificationEvent) => setEvents((current) => (current.includes(e) ? current.filter((x) => x !== e) : [...current, e]));

  return (
    <Card>
      <CardBody>
        <form onSubmit={submit} aria-labelledby="create-channel-title" className="flex flex-col gap-3">
          <h3 id="create-channel-title" className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            Add a webhook
          </h3>
          <div className="grid gap-3 sm:grid-cols-2">
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="channel-name">Name</Label>
              <Input id="channel-name" required value={name} onChange={(e) => setName(e.target.value)} />
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="channel-kind">Format</Label>
              <Select id="channel-kind" value={kind} onChange={(e) => setKind(e.target.value as "Generic" | "Slack")}>
                <option value="Slack">Slack (text + blocks)</option>
                <option value="Generic">Generic JSON</option>
              </Select>
            </div>
            <div className="flex flex-col gap-1.5 sm:col-span-2">
              <Label htmlFor="channel-url">Webhook URL</Label>
              <Input id="channel-url" type="url" required value={url} onChange={(e) => setUrl(e.target.value)} spellCheck={false} />
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="channel-team">Scope</Label>
              <Select id="channel-team" value={teamId} onChange={(e) => setTeamId(e.target.value)}>
                <option value="">All teams</option>
                {teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </Select>
            </div>
          </div>
          <fieldset className="flex flex-wrap gap-x-4 gap-y-1.5">
            <legend className="mb-1 text-sm font-medium text-zinc-700 dark:text-zinc-300">Events</legend>
            {NOTIFICATION_EVENTS.map((e) => (
              <label key={e} className="flex items-center gap-1.5 text-sm text-zinc-700 dark:text-zinc-300">
                <input type="checkbox" checked={events.includes(e)} onChange={() => toggle(e)} />
                {EVENT_TITLES[e]}
              </label>
            ))}
          </fieldset>
          <FormError error={mutation.error} />
          {secret && (
            <p role="status" className="text-sm text-zinc-700 dark:text-zinc-300">
              Signing secret (shown once; verify <code className="font-mono">X-Gantry-Signature</code> with it): <code className="font-mono break-all">{secret}</code>
            </p>
          )}
          <div>
            <Button type="submit" variant="primary" disabled={mutation.isPending || events.length === 0}>
              <Bell aria-hidden />
              {mutation.isPending ? "Adding…" : "Add webhook"}
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
