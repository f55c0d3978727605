"use client";

import { ShieldPlus } from "lucide-react";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { Label, Select } from "@/components/ui/form-controls";
import { ROLE_DESCRIPTIONS, ROLES } from "@/lib/auth/permissions";
import { apiRequest } from "./api-client";
import { FormError } from "./form-error";
import { roleBindingRequest, type GrantRoleState, type RoleBindingRequest, type ScopeKind } from "./role-binding-request";
import { useApiMutation } from "./use-api-mutation";

export interface GrantRoleOptions {
  users: { id: string; email: string; disabled: boolean }[];
  teams: { id: string; slug: string; name: string }[];
  services: { id: string; slug: string; environments: { id: string; name: string }[] }[];
}

export function GrantRoleForm({ options, initialUserId }: { options: GrantRoleOptions; initialUserId?: string }) {
  const [state, setState] = useState<GrantRoleState>({
    role: "viewer",
    subjectKind: "user",
    subjectId: initialUserId && options.users.some((u) => u.id === initialUserId) ? initialUserId : "",
    scopeKind: "global",
    scopeId: "",
  });
  const [problem, setProblem] = useState<string | null>(null);
  const [granted, setGranted] = useState<string | null>(null);
  const mutation = useApiMutation(
    (body: RoleBindingRequest) =>
      apiRequest<{ roleBinding: { role: string; subject: { label: string }; scope: { label: string } } }>("POST", "/api/v1/role-bindings", body),
    { onSuccess: ({ roleBinding: b }) => setGranted(`Granted ${b.role} on ${b.scope.label} to ${b.subject.label}.`) },
  );
  const update = (patch: Partial<GrantRoleState>) => {
    setState((s) => ({ ...s, ...patch }));
    setGranted(null);
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const request = roleBindingRequest(state);
    if (!request.ok) {
      setProblem(request.message);
      return;
    }
    setProblem(null);
    mutation.mutate(request.body);
  }

  return (
    <Card>
      <CardBody>
        <form onSubmit={submit} aria-labelledby="grant-role-title" className="flex flex-col gap-3">
          <h3 id="grant-role-title" className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
            Grant a role
          </h3>
          <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="grant-role">Role</Label>
              <Select id="grant-role" value={state.role} onChange={(e) => update({ role: e.target.value })} aria-describedby="grant-role-description">
                {ROLES.map((role) => (
                  <option key={role} value={role}>
                    {role}
                  </option>
                ))}
              </Select>
              <p id="grant-role-description" className="text-xs text-zinc-500 dark:text-zinc-400">
                {ROLE_DESCRIPTIONS[state.role as (typeof ROLES)[number]] ?? ""}
              </p>
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="grant-subject-kind">Grant to</Label>
              <Select
                id="grant-subject-kind"
                value={state.subjectKind}
                onChange={(e) => update({ subjectKind: e.target.value as GrantRoleState["subjectKind"], subjectId: "" })}
              >
                <option value="user">A user</option>
                <option value="team">A team</option>
              </Select>
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="grant-subject">{state.subjectKind === "user" ? "User" : "Team"}</Label>
              <Select id="grant-subject" value={state.subjectId} onChange={(e) => update({ subjectId: e.target.value })}>
                <option value="">{state.subjectKind === "user" ? "Choose a user…" : "Choose a team…"}</option>
                {state.subjectKind === "user"
                  ? options.users.map((u) => (
                      <option key={u.id} value={u.id}>
                        {u.email}
                        {u.disabled ? " (disabled)" : ""}
                      </option>
                    ))
                  : options.teams.map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.name} ({t.slug})
                      </option>
                    ))}
              </Select>
            </div>
            <div className="flex flex-col gap-1.5">
              <Label htmlFor="grant-scope-kind">Where</Label>
              <Select id="grant-scope-kind" value={state.scopeKind} onChange={(e) => update({ scopeKind: e.target.value as ScopeKind, scopeId: "" })}>
                <option value="global">Everywhere (global)</option>
                <option value="team">A team&apos;s services</option>
                <option value="service">One service</option>
                <option value="environment">One environment of a service</option>
              </Select>
            </div>
            {state.scopeKind !== "global" && (
              <div className="flex flex-col gap-1.5 sm:col-span-2">
                <Label htmlFor="grant-scope">{{ team: "Team", service: "Service", environment: "Environment" }[state.scopeKind]}</Label>
                <Select id="grant-scope" value={state.scopeId} onChange={(e) => update({ scopeId: e.target.value })}>
                  <option value="">Choose…</option>
                  {state.scopeKind === "team" &&
                    options.teams.map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.name} ({t.slug})
                      </option>
                    ))}
                  {state.scopeKind === "service" &&
                    options.services.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.slug}
                      </option>
                    ))}
                  {state.scopeKind === "environment" &&
                    options.services.map((s) => (
                      <optgroup key={s.id} label={s.slug}>
                        {s.environments.map((e) => (
                          <option key={e.id} value={e.id}>
                            {s.slug} / {e.name}
                          </option>
                        ))}
                      </optgroup>
                    ))}
                </Select>
              </div>
            )}
          </div>
          <FormError error={problem ? { message: problem } : mutation.error} />
          {granted && (
            <p role="status" className="text-sm text-emerald-700 dark:text-emerald-400">
              {granted}
            </p>
          )}
          <div>
            <Button type="submit" variant="primary" disabled={mutation.isPending}>
              <ShieldPlus aria-hidden />
              {mutation.isPending ? "Granting…" : "Grant role"}
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
