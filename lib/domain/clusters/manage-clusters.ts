import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { authorize, GLOBAL } from "@/lib/auth/authorize";
import { caBundleSchema, credentialsSchema, sealCredentials, testConnection } from "@/lib/clusters";
import { db } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";
import { AppError, notFound } from "@/lib/http/errors";
import { toClusterView } from "./cluster-view";

const clusterFields = {
  name: z.string().trim().min(1).max(100).regex(/^[a-zA-Z0-9][a-zA-Z0-9._-]*$/, "letters, digits, dots, dashes and underscores"),
  apiServerUrl: z.url({ protocol: /^https?$/ }).max(2048),
  caBundle: caBundleSchema.optional(),
  insecureSkipTlsVerify: z.boolean().default(false),
};

export const createClusterInput = z.object({ ...clusterFields, credentials: credentialsSchema });
export const updateClusterInput = z
  .object({
    name: clusterFields.name.optional(),
    apiServerUrl: clusterFields.apiServerUrl.optional(),
    caBundle: caBundleSchema.optional(),
    insecureSkipTlsVerify: z.boolean().optional(),
    /** Replaces the stored credentials; omit to keep them. */
    credentials: credentialsSchema.optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "send at least one field");

const withCount = { _count: { select: { environments: true } } } as const;

export async function listClusters(ctx: DomainContext) {
  authorize({ actor: ctx.actor, action: "cluster:manage", resource: GLOBAL });
  const rows = await db.cluster.findMany({ orderBy: { name: "asc" }, include: withCount });
  return rows.map(toClusterView);
}

function sealed(credentials: unknown) {
  try {
    return sealCredentials(credentials);
  } catch (error) {
    throw new AppError("validation_failed", `Invalid credentials: ${(error as Error).message}`);
  }
}

/** Stores a cluster; its credentials are encrypted before they reach the database. */
export async function createCluster(ctx: DomainContext, input: z.infer<typeof createClusterInput>) {
  authorize({ actor: ctx.actor, action: "cluster:manage", resource: GLOBAL });
  const secret = sealed(input.credentials);
  return db.$transaction(async (tx) => {
    if (await tx.cluster.findUnique({ where: { name: input.name }, select: { id: true } })) throw new AppError("conflict", "A cluster with this name already exists");
    const row = await tx.cluster.create({
      data: { name: input.name, apiServerUrl: input.apiServerUrl, caBundle: input.caBundle || null, insecureSkipTlsVerify: input.insecureSkipTlsVerify, ...secret },
      include: withCount,
    });
    await recordAudit(tx, ctx, { action: "cluster.create", targetType: "Cluster", targetId: row.id, after: { name: row.name, apiServerUrl: row.apiServerUrl, authKind: row.authKind } });
    return toClusterView(row);
  });
}

export async function updateCluster(ctx: DomainContext, clusterId: string, input: z.infer<typeof updateClusterInput>) {
  authorize({ actor: ctx.actor, action: "cluster:manage", resource: GLOBAL });
  const secret = input.credentials ? sealed(input.credentials) : {};
  return db.$transaction(async (tx) => {
    const before = await tx.cluster.findUnique({ where: { id: clusterId } });
    if (!before) throw notFound("Cluster");
    const row = await tx.cluster.update({
      where: { id: clusterId },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.apiServerUrl !== undefined ? { apiServerUrl: input.apiServerUrl } : {}),
        ...(input.caBundle !== undefined ? { caBundle: input.caBundle || null } : {}),
        ...(input.insecureSkipTlsVerify !== undefined ? { insecureSkipTlsVerify: input.insecureSkipTlsVerify } : {}),
        ...secret,
      },
      include: withCount,
    });
    await recordAudit(tx, ctx, {
      action: "cluster.update",
      targetType: "Cluster",
      targetId: clusterId,
      before: { name: before.name, apiServerUrl: before.apiServerUrl, authKind: before.authKind },
      after: { name: row.name, apiServerUrl: row.apiServerUrl, authKind: row.authKind, credentials: input.credentials ? "replaced" : "unchanged" },
    });
    return toClusterView(row);
  });
}

export const testClusterInput = z.object({ namespace: z.string().trim().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/).max(63).optional() });

/** "Test connection": server version and whether the credentials may get/list/watch/patch Deployments. */
export async function testClusterConnection(ctx: DomainContext, clusterId: string, input: z.infer<typeof testClusterInput>) {
  authorize({ actor: ctx.actor, action: "cluster:manage", resource: GLOBAL });
  const cluster = await db.cluster.findUnique({ where: { id: clusterId } });
  if (!cluster) throw notFound("Cluster");
  const report = await testConnection(cluster, input.namespace ?? "default", { timeoutMs: 8000 });
  await db.cluster.update({ where: { id: clusterId }, data: { lastCheckedAt: new Date(), lastCheckResult: JSON.parse(JSON.stringify(report)) } });
  return report;
}
