import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { AddTeamMemberForm } from "./add-team-member-form";
import { RemoveTeamMemberButton } from "./remove-team-member-button";

export interface TeamWithMembers {
  id: string;
  slug: string;
  name: string;
  services: { id: string; slug: string; name: string }[];
  members: { id: string; email: string; name: string }[];
}

export function TeamCard({ team, users }: { team: TeamWithMembers; users: { id: string; email: string; disabled: boolean }[] }) {
  const memberIds = new Set(team.members.map((m) => m.id));
  const candidates = users.filter((u) => !u.disabled && !memberIds.has(u.id));
  return (
    <Card>
      <section aria-labelledby={`team-${team.id}`}>
        <CardHeader>
          <div className="min-w-0">
            <h3 id={`team-${team.id}`} className="truncate text-sm font-semibold text-zinc-900 dark:text-zinc-100">
              {team.name}
            </h3>
            <p className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{team.slug}</p>
          </div>
        </CardHeader>
        <CardBody className="grid gap-5 md:grid-cols-2">
          <div>
            <h4 className="text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Members ({team.members.length})</h4>
            {team.members.length === 0 ? (
              <p className="mt-2 text-sm text-zinc-500 dark:text-zinc-400">No members yet.</p>
            ) : (
              <ul className="mt-2 divide-y divide-zinc-100 dark:divide-zinc-800">
                {team.members.map((member) => (
                  <li key={member.id} className="flex flex-wrap items-center justify-between gap-2 py-1.5">
                    <span className="min-w-0 text-sm">
                      <span className="block truncate">{member.name}</span>
                      <span className="block truncate text-xs text-zinc-500 dark:text-zinc-400">{member.email}</span>
                    </span>
                    <RemoveTeamMemberButton team={team} user={member} />
                  </li>
                ))}
              </ul>
            )}
            <div className="mt-3">
              <AddTeamMemberForm team={team} candidates={candidates} />
            </div>
          </div>
          <div>
            <h4 className="text-xs font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Services ({team.services.length})</h4>
            {team.services.length === 0 ? (
              <p className="mt-2 text-sm text-zinc-500 dark:text-zinc-400">No services.</p>
            ) : (
              <ul className="mt-2 flex flex-wrap gap-1.5">
                {team.services.map((s) => (
                  <li key={s.id} title={s.name} className="rounded-md bg-zinc-100 px-2 py-0.5 font-mono text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
                    {s.slug}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </CardBody>
      </section>
    </Card>
  );
}
