"use client";

import { Lock, LockOpen } from "lucide-react";
import { useId, useRef, useState } from "react";
import { useApiMutation } from "@/components/settings/use-api-mutation";
import { Button } from "@/components/ui/button";
import { Modal } from "./modal";
import { apiSend } from "./release-api";
import { ReleaseError } from "./release-error";
import { MIN_REASON_LENGTH, ReasonField } from "./reason-field";

interface HoldTarget {
  service: { name: string };
  environment: { id: string; name: string };
  onClose: () => void;
}

/** Pauses promotions into an environment (rollbacks still run), with a reason. */
export function HoldDialog({ service, environment, onClose }: HoldTarget) {
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const reasonId = useId();
  const formId = useId();
  const [reason, setReason] = useState("");
  const [invalid, setInvalid] = useState(false);
  const mutation = useApiMutation((input: { reason: string }) => apiSend("POST", `/api/v1/environments/${environment.id}/hold`, input), { onSuccess: onClose });

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const trimmed = reason.trim();
    if (trimmed.length < MIN_REASON_LENGTH) {
      setInvalid(true);
      reasonRef.current?.focus();
      return;
    }
    mutation.mutate({ reason: trimmed });
  };

  return (
    <Modal
      title={`Hold ${service.name} / ${environment.name}?`}
      description="No promotion deploys here until the hold is cleared. Rollbacks still run."
      icon={<Lock />}
      busy={mutation.isPending}
      initialFocus={reasonRef}
      onClose={onClose}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={mutation.isPending}>
            Cancel
          </Button>
          <Button type="submit" form={formId} variant="primary" disabled={mutation.isPending}>
            <Lock aria-hidden />
            {mutation.isPending ? "Holding…" : `Hold ${environment.name}`}
          </Button>
        </>
      }
    >
      <form id={formId} onSubmit={submit} noValidate className="space-y-3">
        <ReasonField
          id={reasonId}
          textareaRef={reasonRef}
          value={reason}
          onChange={setReason}
          invalid={invalid}
          onValid={() => setInvalid(false)}
          disabled={mutation.isPending}
          placeholder="e.g. Investigating elevated latency (INC-4821)"
          invalidMessage="Say why (at least 3 characters)."
          hint="Required. Shown on the pipeline and recorded in the audit trail."
        />
        <ReleaseError error={mutation.error} />
      </form>
    </Modal>
  );
}

/** Lets promotions into a held environment run again. */
export function ClearHoldDialog({ service, environment, reason, onClose }: HoldTarget & { reason: string | null }) {
  const mutation = useApiMutation(() => apiSend("DELETE", `/api/v1/environments/${environment.id}/hold`), { onSuccess: onClose });
  return (
    <Modal
      title={`Clear the hold on ${service.name} / ${environment.name}?`}
      description="Queued promotions deploy again once the hold is cleared."
      icon={<LockOpen />}
      busy={mutation.isPending}
      onClose={onClose}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={mutation.isPending}>
            Cancel
          </Button>
          <Button variant="primary" disabled={mutation.isPending} onClick={() => mutation.mutate(undefined)}>
            <LockOpen aria-hidden />
            {mutation.isPending ? "Clearing…" : "Clear hold"}
          </Button>
        </>
      }
    >
      {reason && (
        <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-500/40 dark:bg-amber-500/10 dark:text-amber-100">
          <p className="text-[11px] font-semibold tracking-wide text-amber-800 uppercase dark:text-amber-300">Held because</p>
          <p className="mt-0.5 break-words">{reason}</p>
        </div>
      )}
      <ReleaseError error={mutation.error} className="mt-3" />
    </Modal>
  );
}
