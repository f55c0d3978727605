import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { authorize, canSee } from "@/lib/auth/authorize";
import { serviceResource } from "@/lib/auth/resources";
import { db, type Tx } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";
import { notFound } from "@/lib/http/errors";
import { checkTimes, severitySchema } from "./create-incident";
import { checkLinkedDeployment, incidentResource } from "./incident-target";
import { incidentAuditSummary, incidentInclude, toIncidentView, type IncidentView } from "./incident-view";

export const updateIncidentInput = z
  .object({
    title: z.string().trim().min(1).max(500).optional(),
    severity: severitySchema.optional(),
    openedAt: z.coerce.date().optional(),
    /** A time resolves it, null reopens it. */
    resolvedAt: z.coerce.date().nullable().optional(),
    /** Links the deployment that caused it; null unlinks. */
    deploymentId: z.uuid().nullable().optional(),
  })
  .strict()
  .refine((value) => Object.values(value).some((v) => v !== undefined), "Send at least one field to change");

export type UpdateIncidentInput = z.input<typeof updateIncidentInput>;

/** Loads an incident the caller can see (404 otherwise), with what authorizing it needs. */
export async function findIncident(ctx: DomainContext, id: string, reader: Tx | typeof db = db) {
  const row = await reader.incident.findUnique({ where: { id }, include: incidentInclude });
  if (!row || !canSee(ctx.actor, serviceResource(row.service))) throw notFound("Incident");
  return row;
}

/** Edits an incident: link or unlink the deployment that caused it, resolve or reopen it, fix its facts. */
export async function updateIncident(ctx: DomainContext, id: string, rawInput: UpdateIncidentInput): Promise<IncidentView> {
  const input = updateIncidentInput.parse(rawInput);
  const current = await findIncident(ctx, id);
  const target = { service: current.service, environment: current.environment };
  authorize({ actor: ctx.actor, action: "incident:manage", resource: incidentResource(target) });
  const deploymentId = input.deploymentId === undefined ? undefined : input.deploymentId === null ? null : await checkLinkedDeployment(input.deploymentId, target);

  return db.$transaction(async (tx) => {
    const before = await tx.incident.findUniqueOrThrow({ where: { id } });
    const openedAt = input.openedAt ?? before.openedAt;
    const resolvedAt = input.resolvedAt === undefined ? before.resolvedAt : input.resolvedAt;
    if (input.openedAt !== undefined || input.resolvedAt !== undefined) checkTimes(openedAt, resolvedAt);
    const row = await tx.incident.update({
      where: { id },
      data: {
        ...(input.title === undefined ? {} : { title: input.title }),
        ...(input.severity === undefined ? {} : { severity: input.severity }),
        ...(input.openedAt === undefined ? {} : { openedAt }),
        ...(input.resolvedAt === undefined ? {} : { resolvedAt }),
        ...(deploymentId === undefined ? {} : { deploymentId }),
      },
      include: incidentInclude,
    });
    const common = { targetType: "Incident", targetId: id, serviceId: row.serviceId, environmentId: row.environmentId };
    const wasOpen = before.resolvedAt === null;
    let action = "incident.update";
    if (wasOpen && row.resolvedAt) action = "incident.resolve";
    else if (!wasOpen && !row.resolvedAt) action = "incident.reopen";
    else if (deploymentId !== undefined && deploymentId !== before.deploymentId) action = deploymentId ? "incident.link" : "incident.unlink";
    await recordAudit(tx, ctx, { action, ...common, before: incidentAuditSummary(before), after: incidentAuditSummary(row) });
    return toIncidentView(row);
  });
}
