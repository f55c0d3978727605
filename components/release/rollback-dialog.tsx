"use client";

import { RotateCcw } from "lucide-react";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { useApiMutation } from "@/components/settings/use-api-mutation";
import { Button } from "@/components/ui/button";
import { FromTo, type ArtifactRef } from "./from-to";
import { Modal } from "./modal";
import { apiSend } from "./release-api";
import { MIN_REASON_LENGTH, ReasonField } from "./reason-field";
import { ReleaseError } from "./release-error";

export { MIN_REASON_LENGTH } from "./reason-field";

export interface RollbackDialogProps {
  service: { name: string };
  environment: { id: string; name: string };
  /** What runs there now. */
  current: ArtifactRef | null;
  /** What the rollback deploys: the last known-good artifact. */
  target: ArtifactRef & { artifactId: string };
  onClose: () => void;
}

/**
 * The 3 a.m. button's confirmation: from → to, a required reason, one request. The target is sent
 * explicitly, so what runs afterwards is what this dialog showed even if the environment changed
 * meanwhile; the request is idempotent on the server and ignored here while one is in flight.
 */
export function RollbackDialog({ service, environment, current, target, onClose }: RollbackDialogProps) {
  const router = useRouter();
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const reasonId = useId();
  const [reason, setReason] = useState("");
  const [invalid, setInvalid] = useState(false);
  const mutation = useApiMutation(
    (input: { reason: string }) =>
      apiSend<{ promotion: { id: string } }>("POST", `/api/v1/environments/${environment.id}/rollback`, { reason: input.reason, artifactId: target.artifactId }),
    { onSuccess: ({ promotion }) => router.push(`/promotions/${promotion.id}`) },
  );
  // After success the page changes: keep the dialog busy until it does.
  const busy = mutation.isPending || mutation.isSuccess;

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    if (busy) return;
    const trimmed = reason.trim();
    if (trimmed.length < MIN_REASON_LENGTH) {
      setInvalid(true);
      reasonRef.current?.focus();
      return;
    }
    mutation.mutate({ reason: trimmed });
  };

  const formId = `${reasonId}-form`;
  return (
    <Modal
      title={`Roll back ${service.name} / ${environment.name}?`}
      description={
        <>
          Deploys the last known-good artifact now, without approvals, soak time or freeze checks. Afterwards{" "}
          <strong className="font-medium text-zinc-800 dark:text-zinc-200">{environment.name}</strong> is on hold: nothing is promoted there until
          someone clears the hold.
        </>
      }
      tone="danger"
      icon={<RotateCcw />}
      busy={busy}
      initialFocus={reasonRef}
      onClose={onClose}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button type="submit" form={formId} variant="danger" disabled={busy}>
            <RotateCcw aria-hidden />
            {busy ? "Rolling back…" : `Roll back to ${target.version}`}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} noValidate className="space-y-4">
        <FromTo from={current} to={target} toLabel="Rolls back to" />
        <ReasonField
          id={reasonId}
          textareaRef={reasonRef}
          name="reason"
          value={reason}
          onChange={setReason}
          invalid={invalid}
          onValid={() => setInvalid(false)}
          disabled={busy}
          placeholder="e.g. INC-4821: checkout errors doubled after the release"
          invalidMessage="Say why you are rolling back (at least 3 characters)."
          hint="Required. Recorded in the audit trail and on the hold."
        />
        <ReleaseError error={mutation.error} />
      </form>
    </Modal>
  );
}
