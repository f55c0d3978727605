/**
 * What the sandbox metrics server needs to know about running workloads. The sandbox cluster
 * implements this; tests use the static implementation below. Pods that have ended must stay in
 * the list (with endedAt) for as long as their history should be queryable: the pre-release
 * window of an analysis is made of the previous release's pods.
 */
export type SandboxPod = {
  name: string;
  imageDigest: string;
  startedAt: Date;
  endedAt?: Date | null;
};

export type SandboxWorkload = {
  /** The cluster it runs on, as Prometheus's `cluster` label; unset for a single cluster. */
  cluster?: string;
  namespace: string;
  /** Deployment name. */
  name: string;
  service: string;
  environment: string;
  /** Container name for the container-level series; defaults to the workload name. */
  container?: string;
  pods: SandboxPod[];
};

/** How an image changes the traffic of the pods that run it. The neutral effect is { 0, 1 }. */
export type ImageEffect = {
  /** Added to the pod's 5xx fraction (0.05 = five more errors per hundred requests). */
  errorRatioBoost: number;
  /** Multiplies request latency. */
  latencyFactor: number;
  /** Multiplies CPU usage; default 1. */
  cpuFactor?: number;
  /** Container restarts per hour; default 0. */
  restartsPerHour?: number;
};

export const NEUTRAL_EFFECT: ImageEffect = { errorRatioBoost: 0, latencyFactor: 1 };

export interface WorkloadSource {
  listWorkloads(): SandboxWorkload[] | Promise<SandboxWorkload[]>;
  imageEffect(imageDigest: string): ImageEffect;
}

export type StaticWorkloadSource = WorkloadSource & {
  /**
   * Replaces a workload's live pods by `replicas` new pods running `imageDigest`, as a rollout
   * would: the old pods end at `at`, the new ones start then. Returns the new pods.
   */
  deploy(namespace: string, name: string, imageDigest: string, options?: { at?: Date; replicas?: number }): SandboxPod[];
  /** Marks a digest good or bad from now on. */
  setImageEffect(imageDigest: string, effect: ImageEffect | null): void;
};

/** An in-memory workload list for tests and demos. */
export function staticWorkloadSource(
  workloads: SandboxWorkload[],
  effects: Record<string, ImageEffect> = {},
): StaticWorkloadSource {
  const list = workloads.map((w) => ({ ...w, pods: w.pods.map((p) => ({ ...p })) }));
  const effectByDigest = new Map(Object.entries(effects));
  let counter = 0;
  return {
    listWorkloads: () => list,
    imageEffect: (digest) => effectByDigest.get(digest) ?? NEUTRAL_EFFECT,
    setImageEffect(digest, effect) {
      if (effect) effectByDigest.set(digest, effect);
      else effectByDigest.delete(digest);
    },
    deploy(namespace, name, imageDigest, options = {}) {
      const workload = list.find((w) => w.namespace === namespace && w.name === name);
      if (!workload) throw new Error(`No workload ${namespace}/${name}`);
      const at = options.at ?? new Date();
      const live = workload.pods.filter((p) => !p.endedAt || p.endedAt > at);
      for (const pod of live) pod.endedAt = at;
      const replicas = options.replicas ?? Math.max(1, live.length);
      const suffix = imageDigest.replace(/^sha256:/, "").slice(0, 6) || "image";
      const created = Array.from({ length: replicas }, (_, i) => ({
        name: `${name}-${suffix}${(counter++).toString(36)}-${i}`,
        imageDigest,
        startedAt: at,
      }));
      workload.pods.push(...created);
      return created;
    },
  };
}
