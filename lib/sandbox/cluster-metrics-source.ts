import type { SandboxCluster } from "./cluster";
import { NEUTRAL_EFFECT, type ImageEffect, type SandboxPod, type SandboxWorkload, type WorkloadSource } from "./metrics/workloads";

/** Digests starting with this (valid hex) behave like a bad release in the sandbox metrics: more 5xx, slower. */
export const BAD_DIGEST_PREFIX = "sha256:bad";
export const BAD_RELEASE_EFFECT: ImageEffect = { errorRatioBoost: 0.12, latencyFactor: 1.8, restartsPerHour: 2 };

export interface WorkloadIdentity {
  service: string;
  environment: string;
}

type Meta = { name: string; namespace?: string; creationTimestamp?: string; ownerReferences?: { kind: string; name: string }[]; labels?: Record<string, string> };
type PodObject = { metadata: Meta; spec?: { containers?: { name: string; image: string }[] } };

const digestOf = (image: string) => /@(sha256:[0-9a-f]{64})$/.exec(image)?.[1];

/**
 * The sandbox metrics' view of the sandbox clusters: which pods run which image since when, on
 * each cluster (an environment that spans clusters has a workload on each). Pods
 * that disappear are remembered with the time they ended, because the pre-release window of an
 * analysis is made of the previous release's pods.
 */
export function clusterWorkloadSource(
  clusters: SandboxCluster[],
  identify: (namespace: string, deployment: string, cluster: string) => WorkloadIdentity | null,
): WorkloadSource & { setImageEffect(digest: string, effect: ImageEffect | null): void } {
  const effects = new Map<string, ImageEffect>();
  const known = new Map<string, { workload: string; pod: SandboxPod }>();

  return {
    setImageEffect(digest, effect) {
      if (effect) effects.set(digest, effect);
      else effects.delete(digest);
    },
    imageEffect(digest) {
      return effects.get(digest) ?? (digest.startsWith(BAD_DIGEST_PREFIX) ? BAD_RELEASE_EFFECT : NEUTRAL_EFFECT);
    },
    listWorkloads() {
      const now = new Date();
      const workloads = new Map<string, SandboxWorkload>();
      const alive = new Set<string>();
      for (const cluster of clusters) {
        for (const deployment of cluster.listObjects("deployments") as unknown as { metadata: Meta; spec: { template: { spec: { containers: { name: string }[] } } } }[]) {
          const namespace = deployment.metadata.namespace ?? "default";
          const identity = identify(namespace, deployment.metadata.name, cluster.name);
          if (!identity) continue;
          const container = deployment.spec.template.spec.containers[0]?.name ?? deployment.metadata.name;
          workloads.set(`${cluster.name}/${namespace}/${deployment.metadata.name}`, { cluster: cluster.name, namespace, name: deployment.metadata.name, ...identity, container, pods: [] });
        }
        for (const pod of cluster.listObjects("pods") as unknown as PodObject[]) {
          const namespace = pod.metadata.namespace ?? "default";
          const replicaSet = pod.metadata.ownerReferences?.find((o) => o.kind === "ReplicaSet")?.name;
          const rs = replicaSet ? (cluster.getObject("replicasets", namespace, replicaSet) as unknown as { metadata: Meta } | undefined) : undefined;
          const deployment = rs?.metadata.ownerReferences?.find((o) => o.kind === "Deployment")?.name;
          const workloadKey = deployment ? `${cluster.name}/${namespace}/${deployment}` : undefined;
          const workload = workloadKey ? workloads.get(workloadKey) : undefined;
          if (!workload || !workloadKey) continue;
          const image = pod.spec?.containers?.find((c) => c.name === workload.container)?.image ?? pod.spec?.containers?.[0]?.image ?? "";
          const digest = digestOf(image);
          if (!digest) continue;
          const key = `${workloadKey}/${pod.metadata.name}`;
          alive.add(key);
          if (!known.has(key)) {
            known.set(key, { workload: workloadKey, pod: { name: pod.metadata.name, imageDigest: digest, startedAt: new Date(pod.metadata.creationTimestamp ?? now) } });
          }
        }
      }
      for (const [key, entry] of known) {
        if (!alive.has(key) && !entry.pod.endedAt) entry.pod.endedAt = now;
        workloads.get(entry.workload)?.pods.push(entry.pod);
      }
      return [...workloads.values()];
    },
  };
}
