"use client";

import { Rocket, ShieldCheck } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { useApiMutation } from "@/components/settings/use-api-mutation";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/form-controls";
import { FromTo, type ArtifactRef } from "./from-to";
import { Modal } from "./modal";
import { apiSend, newIdempotencyKey } from "./release-api";
import { ReleaseError } from "./release-error";
import { Textarea } from "./textarea";

export interface PromoteDialogProps {
  service: { name: string };
  /** The artifact to promote (what runs in the stage before). */
  artifact: ArtifactRef & { artifactId: string };
  from: { name: string };
  target: { id: string; name: string; requiredApprovals: number; current: ArtifactRef | null };
  onClose: () => void;
}

export function approvalNote(requiredApprovals: number, environment: string) {
  if (requiredApprovals === 0) return `${environment} needs no approvals: it deploys as soon as the environment is free.`;
  return `${environment} needs ${requiredApprovals} ${requiredApprovals === 1 ? "approval" : "approvals"} from someone other than you before it deploys.`;
}

/**
 * Asks for an artifact to move one stage on. The Idempotency-Key is made when the dialog opens, so
 * a retried or doubled submit answers the same promotion; a policy refusal lists its blockers.
 */
export function PromoteDialog({ service, artifact, from, target, onClose }: PromoteDialogProps) {
  const router = useRouter();
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [reason, setReason] = useState("");
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const reasonId = useId();
  const formId = useId();
  const mutation = useApiMutation(
    (input: { reason: string }) =>
      apiSend<{ promotion: { id: string } }>(
        "POST",
        "/api/v1/promotions",
        { artifactId: artifact.artifactId, environmentId: target.id, reason: input.reason },
        { "Idempotency-Key": idempotencyKey },
      ),
    { onSuccess: ({ promotion }) => router.push(`/promotions/${promotion.id}`) },
  );
  const busy = mutation.isPending || mutation.isSuccess;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (!busy) mutation.mutate({ reason: reason.trim() });
  };

  return (
    <Modal
      title={`Promote ${artifact.version} to ${target.name}`}
      description={`${service.name}: the artifact that runs in ${from.name}, same image digest.`}
      icon={<Rocket />}
      busy={busy}
      initialFocus={reasonRef}
      onClose={onClose}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" form={formId} variant="primary" disabled={busy}>
            <Rocket aria-hidden />
            {busy ? "Promoting…" : `Promote to ${target.name}`}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} noValidate className="space-y-4">
        <FromTo from={target.current} fromLabel={`Now in ${target.name}`} to={artifact} toLabel="Promotes" />
        <p className="flex items-start gap-2 text-sm text-zinc-600 dark:text-zinc-400">
          <ShieldCheck aria-hidden className="mt-0.5 size-4 shrink-0 text-zinc-400" />
          {approvalNote(target.requiredApprovals, target.name)}
        </p>
        <div>
          <Label htmlFor={reasonId}>
            Reason <span className="font-normal text-zinc-500 dark:text-zinc-400">(optional)</span>
          </Label>
          <Textarea
            ref={reasonRef}
            id={reasonId}
            name="reason"
            rows={2}
            maxLength={2000}
            value={reason}
            disabled={busy}
            placeholder="What this release brings, for the approvers"
            onChange={(event) => setReason(event.target.value)}
            className="mt-1"
          />
        </div>
        <ReleaseError error={mutation.error} />
      </form>
    </Modal>
  );
}
