import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { authorize, GLOBAL } from "@/lib/auth/authorize";
import { db } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";
import { AppError } from "@/lib/http/errors";

export const slugSchema = z
  .string()
  .trim()
  .min(2)
  .max(63)
  .regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, "use lowercase letters, digits and dashes");

export const createTeamInput = z.object({ slug: slugSchema, name: z.string().trim().min(1).max(100) });

export async function createTeam(ctx: DomainContext, input: z.infer<typeof createTeamInput>) {
  authorize({ actor: ctx.actor, action: "user:manage", resource: GLOBAL });
  return db.$transaction(async (tx) => {
    if (await tx.team.findUnique({ where: { slug: input.slug }, select: { id: true } })) {
      throw new AppError("conflict", "A team with this slug already exists", { slug: input.slug });
    }
    const team = await tx.team.create({ data: input, select: { id: true, slug: true, name: true } });
    await recordAudit(tx, ctx, { action: "team.create", targetType: "Team", targetId: team.id, after: team });
    return team;
  });
}
