import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { authorize, GLOBAL } from "@/lib/auth/authorize";
import { ROLES } from "@/lib/auth/permissions";
import { db, type Tx } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";
import { notFound } from "@/lib/http/errors";
import { roleBindingSelect, toRoleBindingView } from "./role-binding-view";

export const roleBindingScopeInput = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("global") }),
  z.object({ kind: z.literal("team"), teamId: z.uuid() }),
  z.object({ kind: z.literal("service"), serviceId: z.uuid() }),
  z.object({ kind: z.literal("environment"), environmentId: z.uuid() }),
]);

export const createRoleBindingInput = z.object({
  role: z.enum(ROLES),
  subject: z.union([z.object({ userId: z.uuid() }).strict(), z.object({ teamId: z.uuid() }).strict()]),
  scope: roleBindingScopeInput.default({ kind: "global" }),
});

export type CreateRoleBindingInput = z.infer<typeof createRoleBindingInput>;

async function scopeColumns(tx: Tx, scope: CreateRoleBindingInput["scope"]) {
  switch (scope.kind) {
    case "global":
      return { scopeTeamId: null, scopeServiceId: null, scopeEnvironmentId: null };
    case "team":
      if (!(await tx.team.findUnique({ where: { id: scope.teamId }, select: { id: true } }))) throw notFound("Team");
      return { scopeTeamId: scope.teamId, scopeServiceId: null, scopeEnvironmentId: null };
    case "service":
      if (!(await tx.service.findUnique({ where: { id: scope.serviceId }, select: { id: true } }))) throw notFound("Service");
      return { scopeTeamId: null, scopeServiceId: scope.serviceId, scopeEnvironmentId: null };
    case "environment":
      if (!(await tx.environment.findUnique({ where: { id: scope.environmentId }, select: { id: true } }))) throw notFound("Environment");
      return { scopeTeamId: null, scopeServiceId: null, scopeEnvironmentId: scope.environmentId };
  }
}

/** Grants a role. Idempotent: granting an existing binding again returns it unchanged. */
export async function createRoleBinding(ctx: DomainContext, input: CreateRoleBindingInput) {
  authorize({ actor: ctx.actor, action: "user:manage", resource: GLOBAL });
  return db.$transaction(async (tx) => {
    const subject =
      "userId" in input.subject
        ? { userId: input.subject.userId, teamId: null }
        : { userId: null, teamId: input.subject.teamId };
    if (subject.userId && !(await tx.user.findUnique({ where: { id: subject.userId }, select: { id: true } }))) throw notFound("User");
    if (subject.teamId && !(await tx.team.findUnique({ where: { id: subject.teamId }, select: { id: true } }))) throw notFound("Team");
    const columns = await scopeColumns(tx, input.scope);
    const existing = await tx.roleBinding.findFirst({ where: { role: input.role, ...subject, ...columns }, select: roleBindingSelect });
    if (existing) return { binding: toRoleBindingView(existing), created: false };
    const row = await tx.roleBinding.create({ data: { role: input.role, ...subject, ...columns }, select: roleBindingSelect });
    const binding = toRoleBindingView(row);
    await recordAudit(tx, ctx, {
      action: "role_binding.create",
      targetType: "RoleBinding",
      targetId: row.id,
      serviceId: input.scope.kind === "service" ? input.scope.serviceId : null,
      environmentId: input.scope.kind === "environment" ? input.scope.environmentId : null,
      after: { role: binding.role, subject: binding.subject.label, scope: binding.scope.label },
    });
    return { binding, created: true };
  });
}
