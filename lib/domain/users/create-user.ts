import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { authorize, GLOBAL } from "@/lib/auth/authorize";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";
import { AppError } from "@/lib/http/errors";
import { toUserView, userViewSelect } from "./user-view";

export const passwordSchema = z
  .string()
  .min(12, "must be at least 12 characters")
  .max(256, "must be at most 256 characters");

export const createUserInput = z.object({
  email: z.email().max(254).transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1).max(100),
  password: passwordSchema.optional(),
});

export async function createUser(ctx: DomainContext, input: z.infer<typeof createUserInput>) {
  authorize({ actor: ctx.actor, action: "user:manage", resource: GLOBAL });
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (existing) throw new AppError("conflict", "A user with this email already exists", { email: input.email });
    const user = await tx.user.create({
      data: { email: input.email, name: input.name, passwordHash },
      select: userViewSelect,
    });
    await recordAudit(tx, ctx, {
      action: "user.create",
      targetType: "User",
      targetId: user.id,
      after: { email: user.email, name: user.name, password: input.password ? "set" : "none" },
    });
    return toUserView(user);
  });
}
