import { authorize, GLOBAL } from "@/lib/auth/authorize";
import { db } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";

export async function listTeams(ctx: DomainContext) {
  authorize({ actor: ctx.actor, action: "user:manage", resource: GLOBAL });
  const teams = await db.team.findMany({
    orderBy: { slug: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      services: { select: { id: true, slug: true, name: true }, orderBy: { slug: "asc" } },
      memberships: { select: { user: { select: { id: true, email: true, name: true } } } },
    },
  });
  return teams.map(({ memberships, ...team }) => ({ ...team, members: memberships.map((m) => m.user) }));
}
