import type { Metadata } from "next";
import { AdminOnlyNotice } from "@/components/settings/admin-only-notice";
import { CreateUserForm } from "@/components/settings/create-user-form";
import { SectionHeading } from "@/components/settings/section-heading";
import { rolesOfUsers } from "@/components/settings/user-roles";
import { UsersTable } from "@/components/settings/users-table";
import { can, GLOBAL } from "@/lib/auth/authorize";
import { requirePageActor } from "@/lib/auth/page-actor";
import { listRoleBindings } from "@/lib/domain/role-bindings/list-role-bindings";
import { listUsers } from "@/lib/domain/users/list-users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const actor = await requirePageActor("/settings/users");
  if (!can(actor, "user:manage", GLOBAL)) return <AdminOnlyNotice permission="user:manage" />;
  const ctx = { actor };
  const [users, bindings] = await Promise.all([listUsers(ctx), listRoleBindings(ctx)]);
  return (
    <section aria-labelledby="users-title" className="flex flex-col gap-4">
      <SectionHeading
        id="users-title"
        title="Users"
        description="Disabling someone ends their sessions and stops their API tokens on the next request."
      />
      <CreateUserForm />
      <UsersTable users={users} roles={rolesOfUsers(users, bindings)} currentUserId={actor.userId} />
    </section>
  );
}
