import { deployImage, type DeployImageInput } from "./deploy-image";
import { ClusterError, toClusterError } from "./errors";
import type { RolloutFailureReason, RolloutSnapshot } from "./rollout";
import type { WorkloadTarget } from "./target";
import { watchRollout, type RolloutProgress } from "./watch-rollout";

export interface FleetRolloutOptions {
  /** Per cluster, as watchRollout's. */
  timeoutMs?: number;
  restartThreshold?: number;
  signal?: AbortSignal;
  onProgress?: (cluster: string, progress: RolloutProgress) => void;
}

export type FleetClusterOutcome =
  /** The rollout completed on this cluster. */
  | "succeeded"
  /** The rollout failed on this cluster (crash loop, deadline, timeout). */
  | "failed"
  /** The cluster could not be deployed to or watched (access, missing workload, unreachable). */
  | "error"
  /** Watching was stopped because another cluster failed first. */
  | "stopped";

export interface FleetClusterResult {
  cluster: string;
  outcome: FleetClusterOutcome;
  message: string;
  reason?: RolloutFailureReason;
  error?: ClusterError;
  /** The workload carries the new image (patched now, or by an earlier attempt of the same promotion). */
  deployed: boolean;
  final?: RolloutSnapshot;
}

export interface FleetRolloutResult {
  outcome: "succeeded" | "failed";
  clusters: FleetClusterResult[];
  /** Names every cluster that failed, with its reason. */
  message: string;
  /** Some cluster took the image while another failed: the fleet runs two versions. */
  split: boolean;
}

/**
 * Deploys one image to the same workload on every cluster of a fleet and watches the rollouts
 * concurrently. Succeeds only when every cluster completes; the first cluster that fails stops the
 * watches on the others (their rollouts go on in the clusters; the result says they were stopped).
 * Each cluster's patch is deployImage's, idempotent per promotion, so a retried job patches only
 * the clusters that do not carry the promotion yet. Cancelling `signal` rejects with an "aborted"
 * ClusterError; per-cluster problems never reject, they are in the result.
 */
export async function rollOutFleet(targets: WorkloadTarget[], input: DeployImageInput, options: FleetRolloutOptions = {}): Promise<FleetRolloutResult> {
  if (targets.length === 0) throw new ClusterError("invalid_config", "no cluster to deploy to");
  const stop = new AbortController();
  const onAbort = () => stop.abort(options.signal?.reason);
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener("abort", onAbort);
  try {
    const clusters = await Promise.all(
      targets.map(async (target): Promise<FleetClusterResult> => {
        const cluster = target.cluster.name;
        let deployed = false;
        try {
          await deployImage(target, input, { signal: stop.signal });
          deployed = true;
          const result = await watchRollout(target, {
            signal: stop.signal,
            ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
            ...(options.restartThreshold !== undefined ? { restartThreshold: options.restartThreshold } : {}),
            onProgress: (progress) => options.onProgress?.(cluster, progress),
          });
          if (result.outcome === "failed") stop.abort(new Error(`cluster "${cluster}" failed`));
          return { cluster, outcome: result.outcome, message: result.message, ...(result.reason ? { reason: result.reason } : {}), deployed, final: result.final };
        } catch (raw) {
          const error = toClusterError(raw, { operation: deployed ? "watch rollout" : "deploy", cluster });
          if (error.kind === "aborted" && stop.signal.aborted && !options.signal?.aborted) {
            return { cluster, outcome: "stopped", message: "stopped watching: another cluster failed", deployed };
          }
          stop.abort(error);
          return { cluster, outcome: "error", message: error.message, error, deployed };
        }
      }),
    );
    if (options.signal?.aborted) throw new ClusterError("aborted", "the rollout was cancelled");
    const bad = clusters.filter((c) => c.outcome === "failed" || c.outcome === "error");
    if (bad.length === 0) return { outcome: "succeeded", clusters, message: `rolled out on ${clusters.map((c) => c.cluster).join(", ")}`, split: false };
    return {
      outcome: "failed",
      clusters,
      message: bad.map((c) => `cluster "${c.cluster}": ${c.message}`).join("; "),
      split: clusters.some((c) => c.deployed && (c.outcome === "succeeded" || c.outcome === "stopped")),
    };
  } finally {
    options.signal?.removeEventListener("abort", onAbort);
  }
}
