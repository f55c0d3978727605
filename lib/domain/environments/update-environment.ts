import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { workloadLocationSchema } from "@/lib/clusters";
import { db } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";
import { notFound } from "@/lib/http/errors";
import { findEnvironmentFor } from "./find-environment";

export const updateEnvironmentInput = z
  .object({
    clusterId: z.uuid().nullable(),
    ...workloadLocationSchema.shape,
    requiredApprovals: z.number().int().min(0).max(10),
    requireUpstreamSuccess: z.boolean(),
    minSoakMinutes: z.number().int().min(0).max(60 * 24 * 30),
    autoRollback: z.boolean(),
    isProduction: z.boolean(),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, "send at least one field");

/** Where an environment deploys (cluster, namespace, workload, container) and its policy. */
export async function updateEnvironment(ctx: DomainContext, environmentId: string, input: z.infer<typeof updateEnvironmentInput>) {
  const { environment } = await findEnvironmentFor(ctx, environmentId, "environment:manage");
  if (input.clusterId && !(await db.cluster.findUnique({ where: { id: input.clusterId }, select: { id: true } }))) throw notFound("Cluster");
  const fields = Object.keys(input) as (keyof typeof input)[];
  return db.$transaction(async (tx) => {
    const updated = await tx.environment.update({ where: { id: environment.id }, data: input });
    await recordAudit(tx, ctx, {
      action: "environment.update",
      targetType: "Environment",
      targetId: environment.id,
      serviceId: environment.serviceId,
      environmentId: environment.id,
      before: Object.fromEntries(fields.map((k) => [k, environment[k]])),
      after: Object.fromEntries(fields.map((k) => [k, updated[k]])),
    });
    return updated;
  });
}
