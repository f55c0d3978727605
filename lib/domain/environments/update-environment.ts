import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { workloadLocationSchema } from "@/lib/clusters";
import { encryptSecret } from "@/lib/crypto/secret-box";
import { db } from "@/lib/db/client";
import { Prisma, type Environment } from "@/lib/db/generated/client";
import { publicKeyProblem } from "@/lib/domain/artifacts/verify-signature";
import type { DomainContext } from "@/lib/domain/context";
import { AppError, notFound } from "@/lib/http/errors";
import { analysisTemplateSchema, type AnalysisTemplate } from "@/lib/metrics/template";
import { findEnvironmentFor } from "./find-environment";

const signingPublicKey = z
  .string()
  .trim()
  .max(4096)
  .superRefine((pem, ctx) => {
    const problem = publicKeyProblem(pem);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

/**
 * The encryption context of an environment's Prometheus token: bound to the row, so a ciphertext
 * copied onto another environment does not decrypt there. verify-promotion decrypts with the same.
 */
export const prometheusTokenContext = (environmentId: string) => `gantry:environment-prometheus-token:${environmentId}`;

export const updateEnvironmentInput = z
  .object({
    /** The clusters it deploys to, each running the same workload; [] = not bound (deploys are refused). */
    clusterIds: z
      .array(z.uuid())
      .max(20)
      .refine((ids) => new Set(ids).size === ids.length, "a cluster is listed twice"),
    ...workloadLocationSchema.shape,
    requiredApprovals: z.number().int().min(0).max(10),
    requireUpstreamSuccess: z.boolean(),
    minSoakMinutes: z.number().int().min(0).max(60 * 24 * 30),
    autoRollback: z.boolean(),
    isProduction: z.boolean(),
    /** This environment's Prometheus; null uses the server default (GANTRY_PROMETHEUS_URL) and forgets the token. */
    prometheusUrl: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2048).nullable(),
    /** Write-only: stored encrypted, never returned. null removes it. */
    prometheusToken: z.string().trim().min(1, "token is empty").max(16_384).nullable(),
    /** Length of the baseline and of the post-release window. */
    verificationMinutes: z.number().int().min(1).max(24 * 60),
    noDataPolicy: z.enum(["Inconclusive", "Pass", "Fail"]),
    /** null resets to the built-in default template (and follows its future changes). */
    verificationTemplate: analysisTemplateSchema.nullable(),
    /** Supply-chain gate: promotions (not rollbacks) need a cosign-style signature by one of signingPublicKeys (PEM, ECDSA P-256). */
    requireSignature: z.boolean(),
    signingPublicKeys: z.array(signingPublicKey).max(20),
  })
  .partial()
  .strict()
  .refine((v) => Object.keys(v).length > 0, "send at least one field");

export type UpdateEnvironmentInput = z.infer<typeof updateEnvironmentInput>;

/** The stored template when it is valid; null means the default applies (as templateFor decides at verification time). */
export function storedTemplate(value: Prisma.JsonValue | null): AnalysisTemplate | null {
  if (value === null) return null;
  const parsed = analysisTemplateSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** An environment's settings as the API and the Settings page show them: the Prometheus token never leaves the server. */
export function toEnvironmentSettingsView(row: EnvironmentWithClusterIds) {
  return {
    id: row.id,
    serviceId: row.serviceId,
    name: row.name,
    position: row.position,
    isProduction: row.isProduction,
    clusterIds: row.clusters.map((c) => c.clusterId),
    namespace: row.namespace,
    workloadKind: row.workloadKind,
    workloadName: row.workloadName,
    containerName: row.containerName,
    requiredApprovals: row.requiredApprovals,
    requireUpstreamSuccess: row.requireUpstreamSuccess,
    minSoakMinutes: row.minSoakMinutes,
    autoRollback: row.autoRollback,
    prometheusUrl: row.prometheusUrl,
    hasPrometheusToken: row.prometheusToken !== null,
    verificationMinutes: row.verificationMinutes,
    noDataPolicy: row.noDataPolicy,
    /** null: the default template applies (none stored, or the stored one no longer validates). */
    verificationTemplate: storedTemplate(row.verificationTemplate),
    requireSignature: row.requireSignature,
    signingPublicKeys: row.signingPublicKeys,
    updatedAt: row.updatedAt,
  };
}

export type EnvironmentSettingsView = ReturnType<typeof toEnvironmentSettingsView>;

const invalid = (path: string, message: string) => new AppError("validation_failed", "Invalid request body", [{ path, message }]);

/** Include for toEnvironmentSettingsView: the environment's cluster ids, in cluster-name order. */
export const clusterIdsInclude = { clusters: { select: { clusterId: true }, orderBy: { cluster: { name: "asc" } } } } as const;
type EnvironmentWithClusterIds = Environment & { clusters: { clusterId: string }[] };

// Audit values for fields whose raw value must not (token) or need not (template JSON vs null) be stored as is.
function auditValue(row: EnvironmentWithClusterIds, field: keyof UpdateEnvironmentInput): unknown {
  if (field === "clusterIds") return row.clusters.map((c) => c.clusterId);
  if (field === "prometheusToken") return row.prometheusToken === null ? "not set" : "set";
  if (field === "verificationTemplate") return row.verificationTemplate ?? "default";
  return row[field];
}

/**
 * A signature requirement without a trusted key would block every promotion for good, so the
 * resulting pair (this request over what is stored) must name at least one key; duplicates are
 * refused so the list an admin reads is the list the gate uses.
 */
function signingKeysProblem(input: UpdateEnvironmentInput, environment: Pick<Environment, "requireSignature" | "signingPublicKeys">) {
  const keys = input.signingPublicKeys ?? environment.signingPublicKeys;
  const required = input.requireSignature ?? environment.requireSignature;
  if (required && keys.length === 0) {
    throw input.signingPublicKeys !== undefined
      ? invalid("signingPublicKeys", "keep at least one trusted public key while signatures are required, or stop requiring them first")
      : invalid("requireSignature", "add a trusted public key first: with none, no artifact could ever be promoted here");
  }
  const seen = new Set<string>();
  input.signingPublicKeys?.forEach((pem, index) => {
    const normal = pem.replace(/\s+/g, "");
    if (seen.has(normal)) throw invalid(`signingPublicKeys.${index}`, "this key is already in the list");
    seen.add(normal);
  });
}

/** Where an environment deploys (cluster, namespace, workload, container), its policy and how its releases are verified. */
export async function updateEnvironment(ctx: DomainContext, environmentId: string, input: UpdateEnvironmentInput) {
  const { environment: found } = await findEnvironmentFor(ctx, environmentId, "environment:manage");
  const environment = { ...found, clusters: await db.environmentCluster.findMany({ where: { environmentId: found.id }, ...clusterIdsInclude.clusters }) };
  const { clusterIds } = input;
  if (clusterIds?.length && (await db.cluster.count({ where: { id: { in: clusterIds } } })) !== clusterIds.length) throw notFound("Cluster");
  // The schema leaves room for Argo Rollouts; lib/clusters cannot deploy one yet, so do not let an environment point at one.
  if (input.workloadKind === "ArgoRollout") throw invalid("workloadKind", "Argo Rollouts are not supported yet; use Deployment");

  const url = input.prometheusUrl === undefined ? environment.prometheusUrl : input.prometheusUrl;
  if (typeof input.prometheusToken === "string" && url === null) {
    throw invalid("prometheusToken", "a token needs this environment's own Prometheus URL; the server default uses GANTRY_PROMETHEUS_TOKEN");
  }
  signingKeysProblem(input, environment);

  const data: Prisma.EnvironmentUncheckedUpdateInput = {};
  for (const key of [
    "namespace",
    "workloadKind",
    "workloadName",
    "containerName",
    "requiredApprovals",
    "requireUpstreamSuccess",
    "minSoakMinutes",
    "autoRollback",
    "isProduction",
    "prometheusUrl",
    "verificationMinutes",
    "noDataPolicy",
    "requireSignature",
    "signingPublicKeys",
  ] as const) {
    if (input[key] !== undefined) Object.assign(data, { [key]: input[key] });
  }
  if (input.verificationTemplate !== undefined) {
    data.verificationTemplate = input.verificationTemplate === null ? Prisma.DbNull : (input.verificationTemplate as Prisma.InputJsonObject);
  }
  if (input.prometheusToken !== undefined) {
    data.prometheusToken = input.prometheusToken === null ? null : encryptSecret(input.prometheusToken, { context: prometheusTokenContext(environment.id) });
  } else if (input.prometheusUrl === null && environment.prometheusToken !== null) {
    // The server default authenticates with its own token; a token kept for a Prometheus no longer used is a liability.
    data.prometheusToken = null;
  }

  const fields = Object.keys(input) as (keyof UpdateEnvironmentInput)[];
  if (data.prometheusToken !== undefined && !fields.includes("prometheusToken")) fields.push("prometheusToken");
  return db.$transaction(async (tx) => {
    if (clusterIds) {
      // Clusters kept keep their drift state; only the ones dropped or added change.
      await tx.environmentCluster.deleteMany({ where: { environmentId: environment.id, clusterId: { notIn: clusterIds } } });
      await tx.environmentCluster.createMany({ data: clusterIds.map((clusterId) => ({ environmentId: environment.id, clusterId })), skipDuplicates: true });
    }
    const updated = await tx.environment.update({ where: { id: environment.id }, data, include: clusterIdsInclude });
    await recordAudit(tx, ctx, {
      action: "environment.update",
      targetType: "Environment",
      targetId: environment.id,
      serviceId: environment.serviceId,
      environmentId: environment.id,
      before: Object.fromEntries(fields.map((k) => [k, auditValue(environment, k)])),
      after: Object.fromEntries(
        fields.map((k) => [k, k === "prometheusToken" && typeof input.prometheusToken === "string" ? "set (new value)" : auditValue(updated, k)]),
      ),
    });
    return toEnvironmentSettingsView(updated);
  });
}
