import { authorize, GLOBAL } from "@/lib/auth/authorize";
import { db } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";
import { roleBindingSelect, toRoleBindingView } from "./role-binding-view";

export async function listRoleBindings(ctx: DomainContext, filter: { userId?: string | undefined } = {}) {
  authorize({ actor: ctx.actor, action: "user:manage", resource: GLOBAL });
  const rows = await db.roleBinding.findMany({
    where: filter.userId ? { userId: filter.userId } : {},
    select: roleBindingSelect,
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
  });
  return rows.map(toRoleBindingView);
}
