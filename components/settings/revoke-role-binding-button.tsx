"use client";

import { apiRequest } from "./api-client";
import { ConfirmButton } from "./confirm-button";
import { FormError } from "./form-error";
import { useApiMutation } from "./use-api-mutation";

export function RevokeRoleBindingButton({ binding }: { binding: { id: string; role: string; subject: string; scope: string } }) {
  const mutation = useApiMutation(() => apiRequest("DELETE", `/api/v1/role-bindings/${binding.id}`));
  const what = `${binding.role} on ${binding.scope} from ${binding.subject}`;
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <ConfirmButton
        label="Revoke"
        accessibleLabel={`Revoke ${what}`}
        question={`Revoke ${binding.role}?`}
        confirmLabel="Revoke"
        pending={mutation.isPending}
        onConfirm={() => mutation.mutate(undefined)}
      />
      <FormError error={mutation.error} className="max-w-xs whitespace-normal" />
    </span>
  );
}
