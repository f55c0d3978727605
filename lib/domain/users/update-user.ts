import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { actorUserId } from "@/lib/auth/actor";
import { authorize, GLOBAL } from "@/lib/auth/authorize";
import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";
import { AppError, notFound } from "@/lib/http/errors";
import { passwordSchema } from "./create-user";
import { toUserView, userViewSelect } from "./user-view";

export const updateUserInput = z
  .object({
    name: z.string().trim().min(1).max(100).optional(),
    disabled: z.boolean().optional(),
    password: passwordSchema.optional(),
  })
  .strict()
  .refine((v) => Object.keys(v).length > 0, "send at least one of name, disabled, password");

/** Rename, disable/enable, or reset the password of a user. Disabling takes effect on their next request. */
export async function updateUser(ctx: DomainContext, userId: string, input: z.infer<typeof updateUserInput>) {
  authorize({ actor: ctx.actor, action: "user:manage", resource: GLOBAL });
  if (input.disabled === true && actorUserId(ctx.actor) === userId) {
    throw new AppError("invalid_state", "You cannot disable your own account");
  }
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return db.$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id: userId }, select: userViewSelect });
    if (!before) throw notFound("User");
    const data: { name?: string; disabledAt?: Date | null; passwordHash?: string } = {};
    if (input.name !== undefined) data.name = input.name;
    if (input.disabled !== undefined && input.disabled !== (before.disabledAt !== null)) {
      data.disabledAt = input.disabled ? new Date() : null;
    }
    if (passwordHash) data.passwordHash = passwordHash;
    if (Object.keys(data).length === 0) return toUserView(before);
    const after = await tx.user.update({ where: { id: userId }, data, select: userViewSelect });
    const action =
      data.disabledAt !== undefined ? (data.disabledAt ? "user.disable" : "user.enable") : passwordHash ? "user.password_reset" : "user.update";
    await recordAudit(tx, ctx, {
      action,
      targetType: "User",
      targetId: userId,
      before: { name: before.name, disabled: before.disabledAt !== null },
      after: { name: after.name, disabled: after.disabledAt !== null, ...(passwordHash ? { password: "reset" } : {}) },
    });
    return toUserView(after);
  });
}
