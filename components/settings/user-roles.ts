import type { RoleBindingView } from "@/lib/domain/role-bindings/role-binding-view";

export interface UserRole {
  bindingId: string;
  role: string;
  scope: string;
  /** "direct", or the slug of the team the role comes through. */
  via: string;
}

/**
 * Each user's effective roles: bindings granted to them directly plus those granted to a team
 * they belong to (the same rule the server applies when it loads an actor).
 */
export function rolesOfUsers(
  users: readonly { id: string; teams: readonly { id: string; slug: string }[] }[],
  bindings: readonly Pick<RoleBindingView, "id" | "role" | "subject" | "scope">[],
): Map<string, UserRole[]> {
  const byUser = new Map<string, UserRole[]>();
  for (const user of users) {
    const teamSlugs = new Map(user.teams.map((t) => [t.id, t.slug]));
    const roles: UserRole[] = [];
    for (const b of bindings) {
      if (b.subject.kind === "user" && b.subject.id === user.id) {
        roles.push({ bindingId: b.id, role: b.role, scope: b.scope.label, via: "direct" });
      } else if (b.subject.kind === "team" && teamSlugs.has(b.subject.id)) {
        roles.push({ bindingId: b.id, role: b.role, scope: b.scope.label, via: teamSlugs.get(b.subject.id)! });
      }
    }
    byUser.set(user.id, roles);
  }
  return byUser;
}
