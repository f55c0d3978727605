import { authorize, GLOBAL } from "@/lib/auth/authorize";
import { db } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";
import { toUserView, userViewSelect } from "./user-view";

export async function listUsers(ctx: DomainContext) {
  authorize({ actor: ctx.actor, action: "user:manage", resource: GLOBAL });
  const users = await db.user.findMany({ select: userViewSelect, orderBy: { email: "asc" } });
  return users.map(toUserView);
}
