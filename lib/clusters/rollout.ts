import type { V1Deployment, V1Pod } from "@kubernetes/client-node";

/**
 * Pure judgement of a Deployment rollout, following `kubectl rollout status` (observedGeneration,
 * ProgressDeadlineExceeded, updated/available/old replicas) plus crash-loop detection on the pods
 * that run the new template's image.
 */
export type RolloutPhase = "progressing" | "succeeded" | "failed";
export type RolloutFailureReason = "ProgressDeadlineExceeded" | "CrashLoop" | "Timeout";

export interface CrashingPod {
  pod: string;
  container: string;
  restartCount: number;
  reason?: string;
}

export interface RolloutSnapshot {
  phase: RolloutPhase;
  reason?: RolloutFailureReason;
  message: string;
  generation: number;
  observedGeneration: number;
  desired: number;
  current: number;
  updated: number;
  ready: number;
  available: number;
  unavailable: number;
  image?: string;
  crashingPods: CrashingPod[];
}

export interface RolloutCriteria {
  containerName: string;
  /** A new pod whose container restarted at least this many times fails the rollout. */
  restartThreshold: number;
}

export function containerImage(deployment: V1Deployment, containerName: string) {
  return deployment.spec?.template?.spec?.containers?.find((c) => c.name === containerName)?.image;
}

export function evaluateRollout(deployment: V1Deployment, pods: V1Pod[], criteria: RolloutCriteria): RolloutSnapshot {
  const status = deployment.status ?? {};
  const generation = deployment.metadata?.generation ?? 0;
  const observedGeneration = status.observedGeneration ?? 0;
  const desired = deployment.spec?.replicas ?? 1;
  const updated = status.updatedReplicas ?? 0;
  const current = status.replicas ?? 0;
  const ready = status.readyReplicas ?? 0;
  const available = status.availableReplicas ?? 0;
  const unavailable = status.unavailableReplicas ?? 0;
  const image = containerImage(deployment, criteria.containerName);
  const base = { generation, observedGeneration, desired, current, updated, ready, available, unavailable, ...(image ? { image } : {}) };

  const crashingPods: CrashingPod[] = [];
  for (const pod of pods) {
    if (pod.metadata?.deletionTimestamp) continue;
    const spec = pod.spec?.containers?.find((c) => c.name === criteria.containerName);
    if (!spec || spec.image !== image) continue;
    for (const s of pod.status?.containerStatuses ?? []) {
      if (s.name !== criteria.containerName) continue;
      const waiting = s.state?.waiting?.reason;
      if (s.restartCount >= criteria.restartThreshold || (waiting && /ImagePullBackOff|ErrImagePull|InvalidImageName|CreateContainerConfigError/.test(waiting))) {
        crashingPods.push({ pod: pod.metadata?.name ?? "?", container: s.name, restartCount: s.restartCount, ...(waiting ? { reason: waiting } : {}) });
      }
    }
  }

  if (generation > observedGeneration) {
    return { ...base, phase: "progressing", message: "waiting for the deployment spec update to be observed", crashingPods };
  }
  // Crash-looping pods are the more specific cause, so they win over an exceeded deadline.
  if (crashingPods.length > 0) {
    const worst = [...crashingPods].sort((a, b) => b.restartCount - a.restartCount)[0]!;
    return {
      ...base,
      phase: "failed",
      reason: "CrashLoop",
      message: `pod ${worst.pod} container ${worst.container} ${worst.reason ? `is in ${worst.reason} ` : ""}after ${worst.restartCount} restart(s) (threshold ${criteria.restartThreshold}); ${crashingPods.length} new pod(s) failing`,
      crashingPods,
    };
  }
  const progressing = status.conditions?.find((c) => c.type === "Progressing");
  if (progressing?.reason === "ProgressDeadlineExceeded") {
    return {
      ...base,
      phase: "failed",
      reason: "ProgressDeadlineExceeded",
      message: `rollout exceeded its progress deadline: ${progressing.message ?? "no progress"}`,
      crashingPods,
    };
  }
  if (updated < desired) {
    return { ...base, phase: "progressing", message: `${updated} of ${desired} new replicas have been updated`, crashingPods };
  }
  if (current > updated) {
    return { ...base, phase: "progressing", message: `${current - updated} old replicas are pending termination`, crashingPods };
  }
  if (available < updated) {
    return { ...base, phase: "progressing", message: `${available} of ${updated} updated replicas are available`, crashingPods };
  }
  return { ...base, phase: "succeeded", message: `rolled out: ${available}/${desired} replicas available`, crashingPods };
}
