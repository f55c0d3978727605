import { recordAudit } from "@/lib/audit/record-audit";
import { authorize, GLOBAL } from "@/lib/auth/authorize";
import { db } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";
import { AppError, notFound } from "@/lib/http/errors";
import { roleBindingSelect, toRoleBindingView } from "./role-binding-view";

/** Revokes a role. The last global admin binding cannot be removed: nobody could manage Gantry after it. */
export async function deleteRoleBinding(ctx: DomainContext, bindingId: string) {
  authorize({ actor: ctx.actor, action: "user:manage", resource: GLOBAL });
  return db.$transaction(async (tx) => {
    const row = await tx.roleBinding.findUnique({ where: { id: bindingId }, select: { ...roleBindingSelect, scopeServiceId: true, scopeEnvironmentId: true, scopeTeamId: true } });
    if (!row) throw notFound("Role binding");
    const isGlobalAdmin = row.role === "admin" && !row.scopeTeamId && !row.scopeServiceId && !row.scopeEnvironmentId;
    if (isGlobalAdmin) {
      const others = await tx.roleBinding.count({
        where: { role: "admin", scopeTeamId: null, scopeServiceId: null, scopeEnvironmentId: null, id: { not: bindingId } },
      });
      if (others === 0) throw new AppError("invalid_state", "This is the last global admin binding; grant admin to someone else first");
    }
    await tx.roleBinding.delete({ where: { id: bindingId } });
    const binding = toRoleBindingView(row);
    await recordAudit(tx, ctx, {
      action: "role_binding.delete",
      targetType: "RoleBinding",
      targetId: bindingId,
      serviceId: row.scopeServiceId,
      environmentId: row.scopeEnvironmentId,
      before: { role: binding.role, subject: binding.subject.label, scope: binding.scope.label },
    });
    return { deleted: true, binding };
  });
}
