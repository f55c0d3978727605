"use client";

import { apiRequest } from "./api-client";
import { ConfirmButton } from "./confirm-button";
import { FormError } from "./form-error";
import { useApiMutation } from "./use-api-mutation";

export function RevokeTokenButton({ token }: { token: { id: string; name: string } }) {
  const mutation = useApiMutation(() => apiRequest("DELETE", `/api/v1/tokens/${token.id}`));
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <ConfirmButton
        label="Revoke"
        accessibleLabel={`Revoke token ${token.name}`}
        question="Revoke? Calls using it fail at once."
        confirmLabel="Revoke token"
        pending={mutation.isPending}
        onConfirm={() => mutation.mutate(undefined)}
      />
      <FormError error={mutation.error} />
    </span>
  );
}
