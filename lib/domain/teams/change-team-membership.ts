import { recordAudit } from "@/lib/audit/record-audit";
import { authorize, GLOBAL } from "@/lib/auth/authorize";
import { db } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";
import { notFound } from "@/lib/http/errors";

async function findTeamAndUser(teamId: string, userId: string) {
  const [team, user] = await Promise.all([
    db.team.findUnique({ where: { id: teamId }, select: { id: true, slug: true } }),
    db.user.findUnique({ where: { id: userId }, select: { id: true, email: true } }),
  ]);
  if (!team) throw notFound("Team");
  if (!user) throw notFound("User");
  return { team, user };
}

/** Idempotent: adding an existing member changes nothing and answers the same. */
export async function addTeamMember(ctx: DomainContext, teamId: string, userId: string) {
  authorize({ actor: ctx.actor, action: "user:manage", resource: GLOBAL });
  const { team, user } = await findTeamAndUser(teamId, userId);
  await db.$transaction(async (tx) => {
    const existing = await tx.teamMembership.findUnique({ where: { teamId_userId: { teamId, userId } } });
    if (existing) return;
    await tx.teamMembership.create({ data: { teamId, userId } });
    await recordAudit(tx, ctx, { action: "team.member_add", targetType: "Team", targetId: teamId, after: { team: team.slug, user: user.email } });
  });
  return { teamId, userId, member: true };
}

export async function removeTeamMember(ctx: DomainContext, teamId: string, userId: string) {
  authorize({ actor: ctx.actor, action: "user:manage", resource: GLOBAL });
  const { team, user } = await findTeamAndUser(teamId, userId);
  await db.$transaction(async (tx) => {
    const removed = await tx.teamMembership.deleteMany({ where: { teamId, userId } });
    if (removed.count === 0) return;
    await recordAudit(tx, ctx, { action: "team.member_remove", targetType: "Team", targetId: teamId, before: { team: team.slug, user: user.email } });
  });
  return { teamId, userId, member: false };
}
