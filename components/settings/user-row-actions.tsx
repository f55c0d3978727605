"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/form-controls";
import { apiRequest } from "./api-client";
import { ConfirmButton } from "./confirm-button";
import { FormError } from "./form-error";
import { useApiMutation } from "./use-api-mutation";

type UserPatch = { disabled: boolean } | { password: string };

/** Disable/enable and reset password for one user row. */
export function UserRowActions({ user, isSelf }: { user: { id: string; email: string; disabled: boolean; signInMethod: string }; isSelf: boolean }) {
  const [resetting, setResetting] = useState(false);
  const [password, setPassword] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const mutation = useApiMutation((patch: UserPatch) => apiRequest("PATCH", `/api/v1/users/${user.id}`, patch), {
    onSuccess: (_result, patch) => {
      if ("password" in patch) {
        setResetting(false);
        setPassword("");
        setDone("Password reset.");
      } else {
        setDone(null);
      }
    },
  });

  function resetPassword(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!mutation.isPending) mutation.mutate({ password });
  }

  const inputId = `reset-password-${user.id}`;
  return (
    <div className="flex flex-col items-end gap-2">
      <div className="flex justify-end gap-2">
        {user.disabled ? (
          <Button size="sm" aria-label={`Enable ${user.email}`} disabled={mutation.isPending} onClick={() => mutation.mutate({ disabled: false })}>
            Enable
          </Button>
        ) : isSelf ? null : (
          <ConfirmButton
            label="Disable"
            accessibleLabel={`Disable ${user.email}`}
            question={`Disable ${user.email}? Their sessions and tokens stop working.`}
            confirmLabel="Disable"
            pending={mutation.isPending}
            onConfirm={() => mutation.mutate({ disabled: true })}
          />
        )}
        {!resetting && (
          <Button
            size="sm"
            variant="ghost"
            aria-label={`Reset password of ${user.email}`}
            onClick={() => {
              setResetting(true);
              setDone(null);
              mutation.reset();
            }}
          >
            Reset password
          </Button>
        )}
      </div>
      {resetting && (
        <form onSubmit={resetPassword} className="flex w-full max-w-xs flex-col gap-1.5 text-left">
          <Label htmlFor={inputId}>New password for {user.email}</Label>
          <Input id={inputId} type="password" autoComplete="new-password" required autoFocus value={password} onChange={(e) => setPassword(e.target.value)} />
          <div className="flex gap-2">
            <Button type="submit" size="sm" variant="primary" disabled={mutation.isPending}>
              {mutation.isPending ? "Saving…" : "Set password"}
            </Button>
            <Button size="sm" variant="ghost" disabled={mutation.isPending} onClick={() => setResetting(false)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
      <FormError error={mutation.error} className="max-w-xs whitespace-normal" />
      {done && (
        <p role="status" className="text-xs text-emerald-700 dark:text-emerald-400">
          {done}
        </p>
      )}
    </div>
  );
}
