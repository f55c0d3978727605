"use client";

import { Check, Info, X } from "lucide-react";
import { useId, useState } from "react";
import { useApiMutation } from "@/components/settings/use-api-mutation";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/form-controls";
import { apiSend } from "./release-api";
import { ReleaseError } from "./release-error";
import { Textarea } from "./textarea";

type Decision = "approve" | "reject";

/**
 * Approve or reject with a comment. When the viewer may not decide, the buttons stay visible but
 * disabled, with the server's reason next to them (and linked to them for screen readers).
 */
export function DecisionForm({ promotionId, allowed, reason }: { promotionId: string; allowed: boolean; reason: string | null }) {
  const [comment, setComment] = useState("");
  const commentId = useId();
  const reasonId = useId();
  const mutation = useApiMutation(
    (input: { decision: Decision; comment: string }) => apiSend("POST", `/api/v1/promotions/${promotionId}/approvals`, input),
    { onSuccess: () => setComment("") },
  );
  const pending = mutation.isPending ? mutation.variables?.decision : undefined;
  const disabled = !allowed || mutation.isPending;
  const decide = (decision: Decision) => mutation.mutate({ decision, comment: comment.trim() });

  return (
    <form
      aria-label="Your decision"
      onSubmit={(event) => {
        event.preventDefault();
        decide("approve");
      }}
      className="space-y-3"
    >
      <div>
        <Label htmlFor={commentId}>Comment</Label>
        <Textarea
          id={commentId}
          rows={3}
          maxLength={2000}
          value={comment}
          disabled={disabled}
          onChange={(event) => setComment(event.target.value)}
          placeholder={allowed ? "What you checked, or why not (visible to everyone on this page)" : undefined}
          className="mt-1"
        />
      </div>
      <div className="flex flex-col gap-2 sm:flex-row sm:flex-wrap sm:items-center">
        <div className="flex gap-2">
          <Button type="submit" variant="primary" disabled={disabled} aria-describedby={!allowed && reason ? reasonId : undefined} className="flex-1 sm:flex-none">
            <Check aria-hidden />
            {pending === "approve" ? "Approving…" : "Approve"}
          </Button>
          <Button
            variant="secondary"
            disabled={disabled}
            aria-describedby={!allowed && reason ? reasonId : undefined}
            onClick={() => decide("reject")}
            className="flex-1 text-red-700 hover:bg-red-50 sm:flex-none dark:text-red-400 dark:hover:bg-red-500/10"
          >
            <X aria-hidden />
            {pending === "reject" ? "Rejecting…" : "Reject"}
          </Button>
        </div>
        {!allowed && reason && (
          <p id={reasonId} data-testid="approve-blocked-reason" className="flex items-start gap-1.5 text-sm text-zinc-600 dark:text-zinc-400">
            <Info aria-hidden className="mt-0.5 size-4 shrink-0 text-zinc-400" />
            {reason}
          </p>
        )}
      </div>
      <ReleaseError error={mutation.error} />
    </form>
  );
}
