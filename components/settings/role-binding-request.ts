import { ROLES } from "@/lib/auth/permissions";

export type ScopeKind = "global" | "team" | "service" | "environment";

export interface GrantRoleState {
  role: string;
  subjectKind: "user" | "team";
  subjectId: string;
  scopeKind: ScopeKind;
  /** The team, service or environment id; ignored for "global". */
  scopeId: string;
}

export type RoleBindingRequest = {
  role: (typeof ROLES)[number];
  subject: { userId: string } | { teamId: string };
  scope: { kind: "global" } | { kind: "team"; teamId: string } | { kind: "service"; serviceId: string } | { kind: "environment"; environmentId: string };
};

/** The POST /api/v1/role-bindings body for the form, or what is still missing. */
export function roleBindingRequest(state: GrantRoleState): { ok: true; body: RoleBindingRequest } | { ok: false; message: string } {
  const role = ROLES.find((r) => r === state.role);
  if (!role) return { ok: false, message: "Choose a role." };
  if (!state.subjectId) return { ok: false, message: state.subjectKind === "user" ? "Choose a user." : "Choose a team." };
  const subject = state.subjectKind === "user" ? { userId: state.subjectId } : { teamId: state.subjectId };
  if (state.scopeKind === "global") return { ok: true, body: { role, subject, scope: { kind: "global" } } };
  if (!state.scopeId) return { ok: false, message: `Choose the ${state.scopeKind} the role applies to.` };
  const scope =
    state.scopeKind === "team"
      ? { kind: "team" as const, teamId: state.scopeId }
      : state.scopeKind === "service"
        ? { kind: "service" as const, serviceId: state.scopeId }
        : { kind: "environment" as const, environmentId: state.scopeId };
  return { ok: true, body: { role, subject, scope } };
}
