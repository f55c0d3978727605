"use client";

import { KeyRound } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/form-controls";
import type { Action } from "@/lib/auth/permissions";
import { apiRequest } from "./api-client";
import { FormError } from "./form-error";
import { NewTokenReveal } from "./new-token-reveal";
import { useApiMutation } from "./use-api-mutation";

interface NewToken {
  name: string;
  scopes: Action[];
  serviceIds: string[];
  expiresInDays: number;
}

const checkbox = "size-4 rounded border-zinc-300 text-indigo-600 accent-indigo-600 dark:border-zinc-600";

/**
 * Scopes are limited to the permissions the person holds (the server enforces the same rule, and
 * at use time narrows a token to what its creator holds then).
 */
export function CreateTokenForm({ heldScopes, services }: { heldScopes: Action[]; services: { id: string; slug: string }[] }) {
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<Set<Action>>(new Set());
  const [serviceIds, setServiceIds] = useState<Set<string>>(new Set());
  const [days, setDays] = useState("90");
  const [problem, setProblem] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const mutation = useApiMutation(
    (input: NewToken) => apiRequest<{ token: string; apiToken: { name: string } }>("POST", "/api/v1/tokens", input),
    {
      onSuccess: ({ token, apiToken }) => {
        setCreated({ name: apiToken.name, token });
        setName("");
        setScopes(new Set());
        setServiceIds(new Set());
        setDays("90");
      },
    },
  );

  const toggle = <T,>(set: Set<T>, value: T, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(value);
    else next.delete(value);
    return next;
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const expiresInDays = Number(days);
    if (scopes.size === 0) return setProblem("Pick at least one scope.");
    if (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > 365) return setProblem("Expiry must be a whole number of days from 1 to 365.");
    setProblem(null);
    setCreated(null);
    mutation.mutate({ name: name.trim(), scopes: heldScopes.filter((s) => scopes.has(s)), serviceIds: [...serviceIds], expiresInDays });
  }

  if (heldScopes.length === 0) {
    return <p className="text-sm text-zinc-500 dark:text-zinc-400">You hold no roles yet, so a token could do nothing. Ask an administrator for access.</p>;
  }

  return (
    <div className="flex flex-col gap-4">
      {created && <NewTokenReveal name={created.name} token={created.token} onDone={() => setCreated(null)} />}
      <Card>
        <CardBody>
          <form onSubmit={submit} aria-labelledby="create-token-title" className="flex flex-col gap-4">
            <h3 id="create-token-title" className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
              Create an API token
            </h3>
            <div className="grid gap-3 sm:grid-cols-[1fr_10rem]">
              <div className="flex flex-col gap-1.5">
                <Label htmlFor="token-name">Name</Label>
                <Input id="token-name" required placeholder="e.g. github-actions-deploy" value={name} onChange={(e) => setName(e.target.value)} />
              </div>
              <div className="flex flex-col gap-1.5">
                <Label htmlFor="token-days">Expires in (days)</Label>
                <Input id="token-days" type="number" inputMode="numeric" min={1} max={365} required value={days} onChange={(e) => setDays(e.target.value)} />
              </div>
            </div>
            <fieldset>
              <legend className="text-xs font-medium text-zinc-600 dark:text-zinc-400">Scopes (permissions you hold)</legend>
              <div className="mt-2 grid gap-x-4 gap-y-1.5 sm:grid-cols-2 lg:grid-cols-3">
                {heldScopes.map((scope) => (
                  <label key={scope} className="flex items-center gap-2 text-sm">
                    <input type="checkbox" className={checkbox} checked={scopes.has(scope)} onChange={(e) => setScopes((s) => toggle(s, scope, e.target.checked))} />
                    <span className="font-mono text-xs">{scope}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            {services.length > 0 && (
              <fieldset>
                <legend className="text-xs font-medium text-zinc-600 dark:text-zinc-400">Limit to services (optional; none means every service you can reach)</legend>
                <div className="mt-2 grid max-h-48 gap-x-4 gap-y-1.5 overflow-y-auto sm:grid-cols-2 lg:grid-cols-3">
                  {services.map((service) => (
                    <label key={service.id} className="flex items-center gap-2 text-sm">
                      <input
                        type="checkbox"
                        className={checkbox}
                        checked={serviceIds.has(service.id)}
                        onChange={(e) => setServiceIds((s) => toggle(s, service.id, e.target.checked))}
                      />
                      <span className="font-mono text-xs">{service.slug}</span>
                    </label>
                  ))}
                </div>
              </fieldset>
            )}
            <FormError error={problem ? { message: problem } : mutation.error} />
            <div>
              <Button type="submit" variant="primary" disabled={mutation.isPending}>
                <KeyRound aria-hidden />
                {mutation.isPending ? "Creating…" : "Create token"}
              </Button>
            </div>
          </form>
        </CardBody>
      </Card>
    </div>
  );
}
