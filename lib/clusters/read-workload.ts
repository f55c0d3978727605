import type { V1Deployment, V1LabelSelector, V1ReplicaSet } from "@kubernetes/client-node";
import { clusterClient, type CallOptions, type ClusterClient } from "./client";
import { ClusterError } from "./errors";
import { digestOf } from "./image-ref";
import { containerImage, evaluateRollout, type RolloutSnapshot } from "./rollout";
import { checkTarget, describeTarget, type WorkloadTarget } from "./target";

export const ANNOTATIONS = {
  promotion: "gantry.dev/promotion",
  artifact: "gantry.dev/artifact",
  changeCause: "kubernetes.io/change-cause",
  revision: "deployment.kubernetes.io/revision",
} as const;

export interface WorkloadCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
}

export interface WorkloadRevision {
  revision: number;
  replicaSet: string;
  image?: string;
  digest?: string;
  images: Record<string, string>;
  changeCause?: string;
  promotionId?: string;
  artifactId?: string;
  replicas: number;
  readyReplicas: number;
  createdAt?: string;
}

export interface WorkloadState {
  kind: "Deployment";
  namespace: string;
  name: string;
  uid?: string;
  resourceVersion?: string;
  containerName: string;
  /** The target container's image in the live spec, and its digest when pinned. */
  image: string;
  digest?: string;
  promotionId?: string;
  artifactId?: string;
  changeCause?: string;
  revision?: number;
  paused: boolean;
  generation: number;
  observedGeneration: number;
  replicas: { desired: number; current: number; updated: number; ready: number; available: number; unavailable: number };
  conditions: WorkloadCondition[];
  /** Newest revision first. */
  history: WorkloadRevision[];
  /** Rollout judgement from the Deployment status alone (pods are not listed here). */
  rollout: Pick<RolloutSnapshot, "phase" | "reason" | "message">;
}

export function selectorString(selector: V1LabelSelector | undefined) {
  const terms = Object.entries(selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector?.matchExpressions ?? []) {
    if (e.operator === "In") terms.push(`${e.key} in (${(e.values ?? []).join(",")})`);
    else if (e.operator === "NotIn") terms.push(`${e.key} notin (${(e.values ?? []).join(",")})`);
    else if (e.operator === "Exists") terms.push(e.key);
    else if (e.operator === "DoesNotExist") terms.push(`!${e.key}`);
  }
  return terms.join(",");
}

export async function getDeployment(client: ClusterClient, target: WorkloadTarget, options: CallOptions = {}): Promise<V1Deployment> {
  const deployment = await client.call(
    `get deployment ${target.namespace}/${target.workloadName}`,
    (o) => client.apps.readNamespacedDeployment({ name: target.workloadName, namespace: target.namespace }, o),
    options,
  );
  return deployment;
}

export function requireContainer(deployment: V1Deployment, target: WorkloadTarget): string {
  const image = containerImage(deployment, target.containerName);
  if (image === undefined) {
    const names = (deployment.spec?.template?.spec?.containers ?? []).map((c) => c.name).join(", ");
    throw new ClusterError("not_found", `${describeTarget(target)} has no container "${target.containerName}" (containers: ${names || "none"})`, {
      reason: "ContainerNotFound",
    });
  }
  return image;
}

function toRevision(rs: V1ReplicaSet, containerName: string): WorkloadRevision {
  const annotations = rs.metadata?.annotations ?? {};
  const containers = rs.spec?.template?.spec?.containers ?? [];
  const image = containers.find((c) => c.name === containerName)?.image;
  const digest = digestOf(image);
  return {
    revision: Number(annotations[ANNOTATIONS.revision] ?? 0),
    replicaSet: rs.metadata?.name ?? "",
    ...(image ? { image } : {}),
    ...(digest ? { digest } : {}),
    images: Object.fromEntries(containers.map((c) => [c.name, c.image ?? ""])),
    ...(annotations[ANNOTATIONS.changeCause] ? { changeCause: annotations[ANNOTATIONS.changeCause] } : {}),
    ...(annotations[ANNOTATIONS.promotion] ? { promotionId: annotations[ANNOTATIONS.promotion] } : {}),
    ...(annotations[ANNOTATIONS.artifact] ? { artifactId: annotations[ANNOTATIONS.artifact] } : {}),
    replicas: rs.status?.replicas ?? 0,
    readyReplicas: rs.status?.readyReplicas ?? 0,
    ...(rs.metadata?.creationTimestamp ? { createdAt: new Date(rs.metadata.creationTimestamp).toISOString() } : {}),
  };
}

/** Live image, replica counts, conditions and the ReplicaSet revision history of the workload. */
export async function readWorkload(target: WorkloadTarget, options: CallOptions = {}): Promise<WorkloadState> {
  checkTarget(target);
  const client = clusterClient(target.cluster);
  const deployment = await getDeployment(client, target, options);
  const image = requireContainer(deployment, target);
  const list = await client.call(
    `list replicasets in ${target.namespace}`,
    (o) =>
      client.apps.listNamespacedReplicaSet({ namespace: target.namespace, labelSelector: selectorString(deployment.spec?.selector) }, o),
    options,
  );
  const uid = deployment.metadata?.uid;
  const owned = list.items.filter((rs) => rs.metadata?.ownerReferences?.some((ref) => ref.controller && ref.uid === uid));
  const history = owned.map((rs) => toRevision(rs, target.containerName)).sort((a, b) => b.revision - a.revision);
  const annotations = deployment.metadata?.annotations ?? {};
  const snapshot = evaluateRollout(deployment, [], { containerName: target.containerName, restartThreshold: Number.MAX_SAFE_INTEGER });
  const digest = digestOf(image);
  const status = deployment.status ?? {};
  return {
    kind: "Deployment",
    namespace: target.namespace,
    name: target.workloadName,
    ...(uid ? { uid } : {}),
    ...(deployment.metadata?.resourceVersion ? { resourceVersion: deployment.metadata.resourceVersion } : {}),
    containerName: target.containerName,
    image,
    ...(digest ? { digest } : {}),
    ...(annotations[ANNOTATIONS.promotion] ? { promotionId: annotations[ANNOTATIONS.promotion] } : {}),
    ...(annotations[ANNOTATIONS.artifact] ? { artifactId: annotations[ANNOTATIONS.artifact] } : {}),
    ...(annotations[ANNOTATIONS.changeCause] ? { changeCause: annotations[ANNOTATIONS.changeCause] } : {}),
    ...(annotations[ANNOTATIONS.revision] ? { revision: Number(annotations[ANNOTATIONS.revision]) } : {}),
    paused: Boolean(deployment.spec?.paused),
    generation: snapshot.generation,
    observedGeneration: snapshot.observedGeneration,
    replicas: {
      desired: snapshot.desired,
      current: snapshot.current,
      updated: snapshot.updated,
      ready: snapshot.ready,
      available: snapshot.available,
      unavailable: snapshot.unavailable,
    },
    conditions: (status.conditions ?? []).map((c) => ({
      type: c.type,
      status: c.status,
      ...(c.reason ? { reason: c.reason } : {}),
      ...(c.message ? { message: c.message } : {}),
      ...(c.lastUpdateTime ? { lastUpdateTime: new Date(c.lastUpdateTime).toISOString() } : {}),
      ...(c.lastTransitionTime ? { lastTransitionTime: new Date(c.lastTransitionTime).toISOString() } : {}),
    })),
    history,
    rollout: { phase: snapshot.phase, ...(snapshot.reason ? { reason: snapshot.reason } : {}), message: snapshot.message },
  };
}
