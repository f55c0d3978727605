import { z } from "zod";
import { ClusterError } from "./errors";
import type { ClusterConnection } from "./kube-config";

export type WorkloadKind = "Deployment" | "ArgoRollout";

/** Where an environment runs: one container of one workload in one namespace of one cluster. */
export interface WorkloadTarget {
  cluster: ClusterConnection;
  namespace: string;
  workloadKind: WorkloadKind;
  workloadName: string;
  containerName: string;
}

const dnsLabel = z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be a lowercase RFC 1123 label").max(63);
const dnsSubdomain = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, "must be a lowercase RFC 1123 name")
  .max(253);

export const workloadLocationSchema = z.object({
  namespace: dnsLabel,
  workloadKind: z.enum(["Deployment", "ArgoRollout"]),
  workloadName: dnsSubdomain,
  containerName: dnsLabel,
});

/**
 * The one place that decides which workload kinds are implemented. Argo Rollouts will get its own
 * branch (a different API group and status shape); until then it is refused clearly.
 */
export function checkTarget(target: WorkloadTarget): WorkloadTarget & { workloadKind: "Deployment" } {
  const parsed = workloadLocationSchema.safeParse(target);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ClusterError("invalid_config", `invalid workload target: ${issue?.path.join(".")} ${issue?.message}`);
  }
  if (target.workloadKind !== "Deployment") {
    throw new ClusterError("unsupported", `workload kind ${target.workloadKind} is not supported yet (only Deployment)`);
  }
  return target as WorkloadTarget & { workloadKind: "Deployment" };
}

export const describeTarget = (t: WorkloadTarget) => `${t.workloadKind} ${t.namespace}/${t.workloadName} on cluster "${t.cluster.name}"`;
