"use client";

import { Users } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/form-controls";
import { apiRequest } from "./api-client";
import { FormError } from "./form-error";
import { useApiMutation } from "./use-api-mutation";

export function CreateTeamForm() {
  const [slug, setSlug] = useState("");
  const [name, setName] = useState("");
  const mutation = useApiMutation((input: { slug: string; name: string }) => apiRequest("POST", "/api/v1/teams", input), {
    onSuccess: () => {
      setSlug("");
      setName("");
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!mutation.isPending) mutation.mutate({ slug: slug.trim(), name: name.trim() });
  }

  return (
    <Card>
      <CardBody>
        <form onSubmit={submit} aria-labelledby="create-team-title" className="flex flex-col gap-3">
          <h3 id="create-team-title" className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            Create a team
          </h3>
          <div className="grid gap-3 sm:grid-cols-2">
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="new-team-name">Name</Label>
              <Input id="new-team-name" required value={name} onChange={(e) => setName(e.target.value)} />
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="new-team-slug">Slug</Label>
              <Input
                id="new-team-slug"
                required
                aria-describedby="new-team-slug-hint"
                value={slug}
                onChange={(e) => setSlug(e.target.value)}
                autoCapitalize="none"
                spellCheck={false}
              />
              <p id="new-team-slug-hint" className="text-xs text-zinc-500 dark:text-zinc-400">
                Lowercase letters, digits and dashes; single sign-on groups with this name join the team.
              </p>
            </div>
          </div>
          <FormError error={mutation.error} />
          <div>
            <Button type="submit" variant="primary" disabled={mutation.isPending}>
              <Users aria-hidden />
              {mutation.isPending ? "Creating…" : "Create team"}
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
