"use client";

import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Label, Select } from "@/components/ui/form-controls";
import { apiRequest } from "./api-client";
import { FormError } from "./form-error";
import { useApiMutation } from "./use-api-mutation";

export function AddTeamMemberForm({ team, candidates }: { team: { id: string; slug: string }; candidates: { id: string; email: string }[] }) {
  const [userId, setUserId] = useState("");
  const mutation = useApiMutation((id: string) => apiRequest("POST", `/api/v1/teams/${team.id}/members`, { userId: id }), {
    onSuccess: () => setUserId(""),
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (userId && !mutation.isPending) mutation.mutate(userId);
  }

  if (candidates.length === 0) return <p className="text-xs text-zinc-500 dark:text-zinc-400">Everyone is already a member.</p>;
  const id = `add-member-${team.id}`;
  return (
    <form onSubmit={submit} className="flex flex-col gap-1.5">
      <Label htmlFor={id}>Add a member to {team.slug}</Label>
      <div className="flex gap-2">
        <Select id={id} className="min-w-0 flex-1" value={userId} onChange={(e) => setUserId(e.target.value)} required>
          <option value="">Choose a user…</option>
          {candidates.map((u) => (
            <option key={u.id} value={u.id}>
              {u.email}
            </option>
          ))}
        </Select>
        <Button type="submit" disabled={!userId || mutation.isPending}>
          {mutation.isPending ? "Adding…" : "Add"}
        </Button>
      </div>
      <FormError error={mutation.error} />
    </form>
  );
}
