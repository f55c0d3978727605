import type { Metadata } from "next";
import { AdminOnlyNotice } from "@/components/settings/admin-only-notice";
import { CreateTeamForm } from "@/components/settings/create-team-form";
import { SectionHeading } from "@/components/settings/section-heading";
import { TeamCard } from "@/components/settings/team-card";
import { can, GLOBAL } from "@/lib/auth/authorize";
import { requirePageActor } from "@/lib/auth/page-actor";
import { listTeams } from "@/lib/domain/teams/list-teams";
import { listUsers } from "@/lib/domain/users/list-users";

export const metadata: Metadata = { title: "Teams" };

export default async function TeamsPage() {
  const actor = await requirePageActor("/settings/teams");
  if (!can(actor, "user:manage", GLOBAL)) return <AdminOnlyNotice permission="user:manage" />;
  const ctx = { actor };
  const [teams, users] = await Promise.all([listTeams(ctx), listUsers(ctx)]);
  return (
    <section aria-labelledby="teams-title" className="flex flex-col gap-4">
      <SectionHeading
        id="teams-title"
        title="Teams"
        description="Teams own services. A role granted to a team applies to each of its members."
      />
      <CreateTeamForm />
      {teams.map((team) => (
        <TeamCard key={team.id} team={team} users={users} />
      ))}
    </section>
  );
}
