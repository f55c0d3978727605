"use client";

import { CheckCircle2, Link2, Link2Off, RotateCcw } from "lucide-react";
import { useState, type FormEvent } from "react";
import { formatWhen } from "@/components/dora/dora-format";
import { apiRequest } from "@/components/settings/api-client";
import { FormError } from "@/components/settings/form-error";
import { useApiMutation } from "@/components/settings/use-api-mutation";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { Input, Label, Select } from "@/components/ui/form-controls";
import type { DeploymentCandidate } from "@/lib/domain/incidents/list-incidents";
import type { IncidentView } from "@/lib/domain/incidents/incident-view";
import { localInputToIso, SEVERITIES } from "./report-incident-form";

type Patch = { title?: string; severity?: string; resolvedAt?: string | null; deploymentId?: string | null };

function candidateLabel(c: DeploymentCandidate) {
  const kind = c.isRollback ? "rollback to " : "";
  const live = c.liveAtOpen ? " — live when it started" : "";
  return `${kind}${c.version} · ${c.environment} · ${formatWhen(c.startedAt)} · ${c.outcome}${live}`;
}

/** Resolve or reopen, link or unlink the deployment that caused it, and fix the title. */
export function IncidentEditor({ incident, candidates }: { incident: IncidentView; candidates: DeploymentCandidate[] }) {
  const mutation = useApiMutation((patch: Patch) => apiRequest<{ incident: IncidentView }>("PATCH", `/api/v1/incidents/${incident.id}`, patch));
  const [resolvedAt, setResolvedAt] = useState("");
  const defaultCandidate = candidates.find((c) => c.liveAtOpen)?.id ?? candidates[0]?.id ?? "";
  const [deploymentId, setDeploymentId] = useState(incident.deployment?.id ?? defaultCandidate);
  const [title, setTitle] = useState(incident.title);
  const [severity, setSeverity] = useState(incident.severity);
  const severities = SEVERITIES.includes(incident.severity as (typeof SEVERITIES)[number]) ? SEVERITIES : [incident.severity, ...SEVERITIES];

  function saveDetails(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    mutation.mutate({ title: title.trim(), severity });
  }

  return (
    <Card>
      <CardBody className="flex flex-col gap-5">
        <section aria-labelledby="resolve-heading" className="flex flex-col gap-2">
          <h2 id="resolve-heading" className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            {incident.resolvedAt ? "Resolved" : "Resolve"}
          </h2>
          {incident.resolvedAt ? (
            <div>
              <Button variant="secondary" disabled={mutation.isPending} onClick={() => mutation.mutate({ resolvedAt: null })}>
                <RotateCcw aria-hidden />
                Reopen
              </Button>
            </div>
          ) : (
            <div className="flex flex-wrap items-end gap-2">
              <Button variant="primary" disabled={mutation.isPending} onClick={() => mutation.mutate({ resolvedAt: new Date().toISOString() })}>
                <CheckCircle2 aria-hidden />
                Resolve now
              </Button>
              <span className="px-1 pb-2 text-sm text-zinc-600 dark:text-zinc-400">or</span>
              <div className="flex flex-col gap-1">
                <Label htmlFor="resolved-at">Restored at (your time)</Label>
                <Input id="resolved-at" type="datetime-local" value={resolvedAt} onChange={(e) => setResolvedAt(e.target.value)} className="w-56" />
              </div>
              <Button
                variant="secondary"
                disabled={mutation.isPending || !localInputToIso(resolvedAt)}
                onClick={() => mutation.mutate({ resolvedAt: localInputToIso(resolvedAt) ?? null })}
              >
                Resolve at this time
              </Button>
            </div>
          )}
        </section>

        <section aria-labelledby="link-heading" className="flex flex-col gap-2">
          <h2 id="link-heading" className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            Caused by
          </h2>
          <p className="text-xs text-zinc-600 dark:text-zinc-400">
            A linked deployment counts as a failed change in the change failure rate. Unlink it when the release was not the cause.
          </p>
          {candidates.length === 0 ? (
            <p className="text-sm text-zinc-600 dark:text-zinc-400">No deployments of this environment around the incident.</p>
          ) : (
            <div className="flex flex-wrap items-end gap-2">
              <div className="flex min-w-0 flex-1 flex-col gap-1">
                <Label htmlFor="incident-deployment">Deployment</Label>
                <Select id="incident-deployment" value={deploymentId} onChange={(e) => setDeploymentId(e.target.value)}>
                  {candidates.map((c) => (
                    <option key={c.id} value={c.id}>
                      {candidateLabel(c)}
                    </option>
                  ))}
                </Select>
              </div>
              <Button variant="secondary" disabled={mutation.isPending || !deploymentId || deploymentId === incident.deployment?.id} onClick={() => mutation.mutate({ deploymentId })}>
                <Link2 aria-hidden />
                Link
              </Button>
              {incident.deployment && (
                <Button variant="ghost" disabled={mutation.isPending} onClick={() => mutation.mutate({ deploymentId: null })}>
                  <Link2Off aria-hidden />
                  Unlink
                </Button>
              )}
            </div>
          )}
        </section>

        <form onSubmit={saveDetails} aria-labelledby="details-heading" className="flex flex-col gap-2">
          <h2 id="details-heading" className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            Details
          </h2>
          <div className="flex flex-wrap items-end gap-2">
            <div className="flex min-w-0 flex-1 flex-col gap-1">
              <Label htmlFor="incident-edit-title">Title</Label>
              <Input id="incident-edit-title" required maxLength={500} value={title} onChange={(e) => setTitle(e.target.value)} />
            </div>
            <div className="flex w-36 flex-col gap-1">
              <Label htmlFor="incident-edit-severity">Severity</Label>
              <Select id="incident-edit-severity" value={severity} onChange={(e) => setSeverity(e.target.value)}>
                {severities.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </Select>
            </div>
            <Button type="submit" variant="secondary" disabled={mutation.isPending || (title.trim() === incident.title && severity === incident.severity)}>
              Save
            </Button>
          </div>
        </form>
        <FormError error={mutation.error} />
      </CardBody>
    </Card>
  );
}
