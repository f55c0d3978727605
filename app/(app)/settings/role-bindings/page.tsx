import type { Metadata } from "next";
import { AdminOnlyNotice } from "@/components/settings/admin-only-notice";
import { GrantRoleForm } from "@/components/settings/grant-role-form";
import { RoleBindingsTable } from "@/components/settings/role-bindings-table";
import { SectionHeading } from "@/components/settings/section-heading";
import { can, GLOBAL } from "@/lib/auth/authorize";
import { requirePageActor } from "@/lib/auth/page-actor";
import { listRoleBindings } from "@/lib/domain/role-bindings/list-role-bindings";
import { listServiceScopes } from "@/lib/domain/services/list-service-scopes";
import { listTeams } from "@/lib/domain/teams/list-teams";
import { listUsers } from "@/lib/domain/users/list-users";

export const metadata: Metadata = { title: "Role bindings" };

export default async function RoleBindingsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requirePageActor("/settings/role-bindings");
  if (!can(actor, "user:manage", GLOBAL)) return <AdminOnlyNotice permission="user:manage" />;
  const ctx = { actor };
  const [bindings, users, teams, services] = await Promise.all([listRoleBindings(ctx), listUsers(ctx), listTeams(ctx), listServiceScopes(ctx)]);
  const { userId } = await searchParams;
  return (
    <section aria-labelledby="role-bindings-title" className="flex flex-col gap-4">
      <SectionHeading
        id="role-bindings-title"
        title="Role bindings"
        description="Who may do what where. Roles add up; a role on one environment also lets its holder see the service."
      />
      <GrantRoleForm
        options={{
          users: users.map((u) => ({ id: u.id, email: u.email, disabled: u.disabled })),
          teams: teams.map((t) => ({ id: t.id, slug: t.slug, name: t.name })),
          services: services.map((s) => ({ id: s.id, slug: s.slug, environments: s.environments })),
        }}
        initialUserId={typeof userId === "string" ? userId : undefined}
      />
      <RoleBindingsTable bindings={bindings} />
    </section>
  );
}
