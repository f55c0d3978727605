import type { V1Deployment, V1Pod } from "@kubernetes/client-node";
import { clusterClient, DEFAULT_REQUEST_TIMEOUT_MS } from "./client";
import { ClusterError, toClusterError } from "./errors";
import { getDeployment, requireContainer, selectorString } from "./read-workload";
import { evaluateRollout, type RolloutFailureReason, type RolloutSnapshot } from "./rollout";
import { checkTarget, describeTarget, type WorkloadTarget } from "./target";

export interface RolloutProgress extends RolloutSnapshot {
  at: string;
}

export interface WatchRolloutOptions {
  /** Give up (outcome failed, reason Timeout) after this long. Default 10 minutes. */
  timeoutMs?: number;
  /** A new pod restarting this many times fails the rollout. Default 3. */
  restartThreshold?: number;
  /** Called on every change of the rollout's counts or message (the UI's live progress). */
  onProgress?: (progress: RolloutProgress) => void;
  signal?: AbortSignal;
  /** Timeout of each ordinary request (the initial reads). */
  requestTimeoutMs?: number;
}

export interface RolloutResult {
  outcome: "succeeded" | "failed";
  reason?: RolloutFailureReason;
  message: string;
  final: RolloutSnapshot;
  /** How many times a dropped watch was re-established. */
  reconnects: number;
}

// Below client-node's fixed 30 s inactivity abort, so a quiet watch ends cleanly server-side and is resumed.
const WATCH_SECONDS = 25;
const MAX_BACKOFF_MS = 2000;

/**
 * Follows a Deployment rollout with two watches (the Deployment, by name, and its pods, by
 * selector) until it succeeds or fails. Dropped or expired watches are re-listed and resumed.
 * Rollout failures resolve (outcome "failed"); access problems reject with a ClusterError, and so
 * does an unreachable cluster when the deadline passes without ever having seen the workload.
 */
export function watchRollout(target: WorkloadTarget, options: WatchRolloutOptions = {}): Promise<RolloutResult> {
  checkTarget(target);
  const client = clusterClient(target.cluster);
  const timeoutMs = options.timeoutMs ?? 10 * 60_000;
  const restartThreshold = options.restartThreshold ?? 3;
  const requestTimeoutMs = Math.min(options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, timeoutMs);
  const criteria = { containerName: target.containerName, restartThreshold };

  return new Promise<RolloutResult>((resolve, reject) => {
    let deployment: V1Deployment | undefined;
    const pods = new Map<string, V1Pod>();
    let podSelector: string | undefined;
    // No verdict before the pods have been listed once: a crash loop must not be reported as a deadline.
    let podsListed = false;
    let finished = false;
    let reconnects = 0;
    let lastError: ClusterError | undefined;
    let lastKey = "";
    let snapshot: RolloutSnapshot | undefined;
    const aborts = new Set<AbortController>();
    const timers = new Set<NodeJS.Timeout>();

    const cleanup = () => {
      finished = true;
      for (const a of aborts) a.abort();
      for (const t of timers) clearTimeout(t);
      options.signal?.removeEventListener("abort", onAbort);
    };
    const fail = (error: ClusterError) => {
      if (finished) return;
      cleanup();
      reject(error);
    };
    const done = (result: RolloutResult) => {
      if (finished) return;
      cleanup();
      resolve(result);
    };
    const later = (fn: () => void, ms: number) => {
      const t = setTimeout(() => {
        timers.delete(t);
        if (!finished) fn();
      }, ms);
      timers.add(t);
    };
    const onAbort = () => fail(new ClusterError("aborted", `watching the rollout of ${describeTarget(target)} was cancelled`));
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener("abort", onAbort);

    later(() => {
      if (!deployment && lastError) return fail(lastError);
      const final =
        snapshot ?? evaluateRollout(deployment ?? {}, [], criteria);
      done({
        outcome: "failed",
        reason: "Timeout",
        message: `rollout of ${describeTarget(target)} did not finish within ${Math.round(timeoutMs / 1000)}s (${final.message})${lastError ? `; last error: ${lastError.message}` : ""}`,
        final,
        reconnects,
      });
    }, timeoutMs);

    const evaluate = () => {
      if (finished || !deployment) return;
      try {
        requireContainer(deployment, target);
      } catch (error) {
        return fail(error as ClusterError);
      }
      snapshot = evaluateRollout(deployment, [...pods.values()], criteria);
      const key = JSON.stringify([snapshot.phase, snapshot.message, snapshot.generation, snapshot.observedGeneration, snapshot.updated, snapshot.ready, snapshot.available, snapshot.current]);
      if (key !== lastKey) {
        lastKey = key;
        try {
          options.onProgress?.({ ...snapshot, at: new Date().toISOString() });
        } catch {
          // A throwing listener must not stop the watch.
        }
      }
      if (snapshot.phase !== "progressing" && podsListed) {
        done({
          outcome: snapshot.phase === "succeeded" ? "succeeded" : "failed",
          ...(snapshot.reason ? { reason: snapshot.reason } : {}),
          message: snapshot.message,
          final: snapshot,
          reconnects,
        });
      }
    };

    const handleError = (error: unknown, retry: () => void, attempt: number) => {
      if (finished) return;
      const e = toClusterError(error, { operation: "watch rollout", cluster: target.cluster.name, ...(client.server ? { server: client.server } : {}) });
      lastError = e;
      if (!e.transient) return fail(e);
      reconnects++;
      later(retry, Math.min(MAX_BACKOFF_MS, 100 * 2 ** attempt));
    };

    const startWatch = async (
      path: string,
      query: Record<string, string | number | boolean>,
      onEvent: (type: string, object: unknown) => void,
      restart: (attempt: number) => void,
      attempt: number,
    ) => {
      // Filled in when watch() returns; its callbacks may run before that.
      const handle: { controller?: AbortController } = {};
      // Set once this watch is over, so its late callbacks cannot schedule a second restart.
      let over = false;
      const end = () => {
        over = true;
        handle.controller?.abort();
        if (handle.controller) aborts.delete(handle.controller);
      };
      const controller = await client.watch.watch(
        path,
        { ...query, allowWatchBookmarks: false, timeoutSeconds: WATCH_SECONDS },
        (type, object) => {
          if (finished || over) return;
          if (type === "ERROR") {
            // 410 Gone (resourceVersion compacted) or another server-side error: re-list and resume.
            end();
            reconnects++;
            later(() => restart(0), 0);
            return;
          }
          attempt = 0;
          onEvent(type, object);
        },
        (err) => {
          if (finished || over) return;
          end();
          if (err && (err as { name?: string }).name !== "AbortError") handleError(err, () => restart(attempt + 1), attempt);
          else {
            // The server closed the watch (timeoutSeconds): resume from a fresh read.
            reconnects++;
            later(() => restart(0), 0);
          }
        },
      );
      handle.controller = controller;
      if (finished || over) controller.abort();
      else aborts.add(controller);
    };

    const followDeployment = async (attempt: number): Promise<void> => {
      try {
        deployment = await getDeployment(client, target, { timeoutMs: requestTimeoutMs });
        lastError = undefined;
        if (!podSelector) {
          podSelector = selectorString(deployment.spec?.selector);
          void followPods(0);
        }
        evaluate();
        if (finished) return;
        await startWatch(
          `/apis/apps/v1/namespaces/${target.namespace}/deployments`,
          { fieldSelector: `metadata.name=${target.workloadName}`, resourceVersion: deployment.metadata?.resourceVersion ?? "" },
          (type, object) => {
            if (type === "DELETED") {
              return fail(new ClusterError("not_found", `${describeTarget(target)} was deleted during the rollout`));
            }
            deployment = object as V1Deployment;
            evaluate();
          },
          followDeployment,
          attempt,
        );
      } catch (error) {
        handleError(error, () => void followDeployment(attempt + 1), attempt);
      }
    };

    const followPods = async (attempt: number): Promise<void> => {
      try {
        const list = await client.call(
          `list pods in ${target.namespace}`,
          (o) => client.core.listNamespacedPod({ namespace: target.namespace, labelSelector: podSelector ?? "" }, o),
          { timeoutMs: requestTimeoutMs },
        );
        pods.clear();
        for (const pod of list.items) pods.set(pod.metadata?.name ?? "", pod);
        podsListed = true;
        evaluate();
        if (finished) return;
        await startWatch(
          `/api/v1/namespaces/${target.namespace}/pods`,
          { labelSelector: podSelector ?? "", resourceVersion: list.metadata?.resourceVersion ?? "" },
          (type, object) => {
            const pod = object as V1Pod;
            const name = pod.metadata?.name ?? "";
            if (type === "DELETED") pods.delete(name);
            else pods.set(name, pod);
            evaluate();
          },
          followPods,
          attempt,
        );
      } catch (error) {
        handleError(error, () => void followPods(attempt + 1), attempt);
      }
    };

    void followDeployment(0);
  });
}
