"use client";

import { Button } from "@/components/ui/button";
import { apiRequest } from "../api-client";
import { ConfirmButton } from "../confirm-button";
import { FormError } from "../form-error";
import { useApiMutation } from "../use-api-mutation";

export function ChannelActions({ id, name, enabled }: { id: string; name: string; enabled: boolean }) {
  const toggle = useApiMutation((next: boolean) => apiRequest("PATCH", `/api/v1/notification-channels/${id}`, { enabled: next }));
  const remove = useApiMutation(() => apiRequest("DELETE", `/api/v1/notification-channels/${id}`));
  return (
    <span className="flex flex-wrap items-center gap-2">
      <Button size="sm" disabled={toggle.isPending} onClick={() => toggle.mutate(!enabled)} aria-label={`${enabled ? "Disable" : "Enable"} ${name}`}>
        {enabled ? "Disable" : "Enable"}
      </Button>
      <ConfirmButton
        label="Delete"
        accessibleLabel={`Delete webhook ${name}`}
        question="Delete this webhook and its delivery history?"
        confirmLabel="Delete"
        pending={remove.isPending}
        onConfirm={() => remove.mutate(undefined)}
      />
      <FormError error={toggle.error ?? remove.error} />
    </span>
  );
}
