"use client";

import { apiRequest } from "./api-client";
import { ConfirmButton } from "./confirm-button";
import { FormError } from "./form-error";
import { useApiMutation } from "./use-api-mutation";

export function RemoveTeamMemberButton({ team, user }: { team: { id: string; slug: string }; user: { id: string; email: string } }) {
  const mutation = useApiMutation(() => apiRequest("DELETE", `/api/v1/teams/${team.id}/members/${user.id}`));
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <ConfirmButton
        label="Remove"
        accessibleLabel={`Remove ${user.email} from ${team.slug}`}
        question={`Remove from ${team.slug}?`}
        confirmLabel="Remove"
        pending={mutation.isPending}
        onConfirm={() => mutation.mutate(undefined)}
      />
      <FormError error={mutation.error} />
    </span>
  );
}
