"use client";

import { UserPlus } from "lucide-react";
import Link from "next/link";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/form-controls";
import type { UserView } from "@/lib/domain/users/user-view";
import { apiRequest } from "./api-client";
import { FormError } from "./form-error";
import { useApiMutation } from "./use-api-mutation";

interface NewUser {
  email: string;
  name: string;
  password?: string;
}

export function CreateUserForm() {
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [created, setCreated] = useState<{ id: string; email: string } | null>(null);
  const mutation = useApiMutation((input: NewUser) => apiRequest<{ user: UserView }>("POST", "/api/v1/users", input), {
    onSuccess: ({ user }) => {
      setCreated({ id: user.id, email: user.email });
      setEmail("");
      setName("");
      setPassword("");
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    setCreated(null);
    mutation.mutate({ email: email.trim(), name: name.trim(), ...(password ? { password } : {}) });
  }

  return (
    <Card>
      <CardBody>
        <form onSubmit={submit} aria-labelledby="create-user-title" className="flex flex-col gap-3">
          <h3 id="create-user-title" className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            Create a user
          </h3>
          <div className="grid gap-3 sm:grid-cols-3">
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="new-user-email">Email</Label>
              <Input id="new-user-email" type="email" required autoComplete="off" value={email} onChange={(e) => setEmail(e.target.value)} />
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="new-user-name">Name</Label>
              <Input id="new-user-name" required autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} />
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="new-user-password">Initial password</Label>
              <Input
                id="new-user-password"
                type="password"
                autoComplete="new-password"
                aria-describedby="new-user-password-hint"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
              <p id="new-user-password-hint" className="text-xs text-zinc-500 dark:text-zinc-400">
                At least 12 characters. Leave empty for a single sign-on account.
              </p>
            </div>
          </div>
          <FormError error={mutation.error} />
          {created && (
            <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
              Created {created.email}.{" "}
              <Link className="font-medium underline underline-offset-2" href={`/settings/role-bindings?userId=${encodeURIComponent(created.id)}`}>
                Grant them a role
              </Link>
            </p>
          )}
          <div>
            <Button type="submit" variant="primary" disabled={mutation.isPending}>
              <UserPlus aria-hidden />
              {mutation.isPending ? "Creating…" : "Create user"}
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
