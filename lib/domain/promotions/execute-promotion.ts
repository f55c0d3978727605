import type { SystemActor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record-audit";
import { ClusterError, rollOutFleet, toClusterError, type FleetRolloutResult, type RolloutProgress, type WorkloadTarget } from "@/lib/clusters";
import { db, type Tx } from "@/lib/db/client";
import { lockEnvironment } from "@/lib/db/row-locks";
import { failUntrustedArtifact } from "@/lib/domain/artifacts/signature-gate";
import { fleetInclude } from "@/lib/domain/environments/fleet";
import type { Prisma } from "@/lib/db/generated/client";
import { enqueuePromotion, enqueueVerification } from "@/lib/jobs/promotion-queue";
import { log } from "@/lib/log";
import { activeFreeze } from "@/lib/policy/freeze-windows";
import { ACTIVE_STATUSES } from "./lifecycle";
import { currentDeployment } from "./policy-context";
import { openVerification, type VerificationOptions } from "./verify-promotion";
import { notifyPromotionSettled } from "@/lib/notifications/notify";

export const ENGINE: SystemActor = { kind: "system", name: "promotion-engine" };
const engineCtx = { actor: ENGINE };

export interface ExecuteOptions {
  /** How long a rollout may take before it fails. */
  rolloutTimeoutMs?: number;
  restartThreshold?: number;
  /** Attempts already made by the job queue; cluster errors stop being retried after maxAttempts. */
  attempt?: number;
  maxAttempts?: number;
  signal?: AbortSignal;
  verification?: VerificationOptions;
}

export type ExecuteOutcome =
  | { state: "finished"; status: string }
  | { state: "waiting"; reason: "busy" | "held" | "queued-behind" | "frozen" | "not-queued"; retryAt?: Date };

const include = {
  environment: { include: { ...fleetInclude, service: { select: { id: true, slug: true } } } },
  artifact: true,
} as const;

type Loaded = Prisma.PromotionGetPayload<{ include: typeof include }>;

/** The same workload on every cluster of the environment. */
function targetsOf(promotion: Loaded): WorkloadTarget[] {
  const env = promotion.environment;
  if (env.clusters.length === 0) throw new ClusterError("invalid_config", `${env.service.slug} / ${env.name} has no cluster configured`);
  return env.clusters.map(({ cluster }) => ({ cluster, namespace: env.namespace, workloadKind: env.workloadKind, workloadName: env.workloadName, containerName: env.containerName }));
}

/** Promotion.rolloutProgress: one entry per cluster (components/release/promotion-model.ts reads it). */
type ClusterRollout = { cluster: string; outcome?: FleetRolloutResult["clusters"][number]["outcome"]; message: string; progress: RolloutProgress | null };
const progressJson = (clusters: ClusterRollout[]) => JSON.parse(JSON.stringify({ clusters })) as Prisma.InputJsonObject;

/** Takes the environment's single "active" slot for this promotion, or says why it must wait. */
async function claim(promotionId: string): Promise<ExecuteOutcome | null> {
  return db.$transaction(async (tx) => {
    const head = await tx.promotion.findUnique({ where: { id: promotionId }, select: { environmentId: true } });
    if (!head) return { state: "finished", status: "missing" };
    await lockEnvironment(tx, head.environmentId);
    const promotion = await tx.promotion.findUniqueOrThrow({ where: { id: promotionId }, include });
    if (promotion.status !== "Queued") return null;
    const env = promotion.environment;
    if (await tx.promotion.count({ where: { environmentId: env.id, status: { in: [...ACTIVE_STATUSES] } } })) return { state: "waiting", reason: "busy" };
    const next = await nextQueuedPromotion(tx, env.id, env.heldAt !== null);
    if (promotion.kind === "Promotion" && env.heldAt) return { state: "waiting", reason: "held" };
    if (next && next.id !== promotion.id) {
      await enqueuePromotion(next.id);
      return { state: "waiting", reason: "queued-behind" };
    }
    if (promotion.kind === "Promotion" && !promotion.freezeOverrideReason) {
      const freeze = activeFreeze(await tx.freezeWindow.findMany({ where: { environmentId: env.id } }), new Date());
      if (freeze) return { state: "waiting", reason: "frozen", retryAt: freeze.endsAt };
    }
    if (await failUntrustedArtifact(tx, promotion)) return { state: "finished", status: "Failed" };
    const current = await currentDeployment(env.id, tx);
    const now = new Date();
    await tx.promotion.update({ where: { id: promotion.id }, data: { status: "Deploying", startedAt: now } });
    await tx.deployment.create({
      data: {
        environmentId: env.id,
        serviceId: env.serviceId,
        isProduction: env.isProduction,
        artifactId: promotion.artifactId,
        previousArtifactId: current?.artifactId ?? null,
        promotionId: promotion.id,
        isRollback: promotion.kind === "Rollback",
        startedAt: now,
      },
    });
    await recordAudit(tx, engineCtx, {
      action: "promotion.deploying",
      targetType: "Promotion",
      targetId: promotion.id,
      serviceId: env.serviceId,
      environmentId: env.id,
      before: { status: "Queued" },
      after: { status: "Deploying", image: `${promotion.artifact.imageRepository}@${promotion.artifact.imageDigest}`, replaces: current?.artifact.version ?? null },
    });
    return null;
  });
}

type Result = { succeeded: true } | { succeeded: false; reason: string; rollBack?: boolean };

async function finish(promotionId: string, result: Result, options: ExecuteOptions) {
  let verifyAt: Date | null = null;
  const finished = await db.$transaction(async (tx) => {
    const promotion = await tx.promotion.findUniqueOrThrow({ where: { id: promotionId }, include: { ...include, deployment: true } });
    const now = new Date();
    const aborted = promotion.status !== "Deploying";
    if (result.succeeded && !aborted) verifyAt = await openVerification(tx, promotionId, options.verification);
    const deploymentOutcome = result.succeeded && !aborted ? "Succeeded" : "Failed";
    if (promotion.deployment?.outcome === "InProgress" && !verifyAt) {
      await tx.deployment.update({ where: { id: promotion.deployment.id }, data: { outcome: deploymentOutcome, finishedAt: now } });
    }
    // Aborted meanwhile: the deployment record is closed above; the promotion keeps its state.
    if (aborted) return promotion;
    if (verifyAt) {
      await tx.promotion.update({ where: { id: promotionId }, data: { status: "Verifying" } });
      await recordAudit(tx, engineCtx, {
        action: "promotion.verifying",
        targetType: "Promotion",
        targetId: promotionId,
        serviceId: promotion.environment.serviceId,
        environmentId: promotion.environmentId,
        before: { status: "Deploying" },
        after: { status: "Verifying", judgeAt: verifyAt },
      });
      return promotion;
    }
    const status = result.succeeded ? "Succeeded" : "Failed";
    await tx.promotion.update({
      where: { id: promotionId },
      data: { status, finishedAt: now, failureReason: result.succeeded ? null : result.reason },
    });
    const env = promotion.environment;
    if (result.succeeded) {
      await tx.environmentCluster.updateMany({ where: { environmentId: env.id }, data: { driftDetectedAt: null, driftLiveImage: null, driftCheckedAt: now } });
      if (promotion.kind === "Rollback" && promotion.deployment?.previousArtifactId && promotion.deployment.previousArtifactId !== promotion.artifactId) {
        // The release this rollback undid is recorded as rolled back (DORA counts it as a failed change).
        const undone = await tx.deployment.findFirst({
          where: { environmentId: env.id, artifactId: promotion.deployment.previousArtifactId, outcome: "Succeeded", id: { not: promotion.deployment.id } },
          orderBy: { finishedAt: "desc" },
        });
        if (undone) {
          await tx.deployment.update({ where: { id: undone.id }, data: { outcome: "RolledBack" } });
          if (undone.promotionId) {
            await tx.promotion.updateMany({ where: { id: undone.promotionId, status: { in: ["Succeeded", "Verifying"] } }, data: { status: "RolledBack" } });
          }
        }
      }
    }
    await recordAudit(tx, engineCtx, {
      action: result.succeeded ? "promotion.succeeded" : "promotion.failed",
      targetType: "Promotion",
      targetId: promotionId,
      serviceId: env.serviceId,
      environmentId: env.id,
      before: { status: promotion.status },
      after: { status, ...(result.succeeded ? {} : { reason: result.reason }) },
    });
    return promotion;
  });
  if (verifyAt) {
    await enqueueVerification(promotionId, verifyAt);
    return;
  }
  // The rollback takes the environment next; otherwise whatever is queued there.
  if (!(!result.succeeded && result.rollBack && (await rollBackSplitFleet(finished, result.reason)))) await kickNext(finished.environmentId);
  await notifyPromotionSettled(promotionId, "execution");
}

/**
 * A promotion that failed on some clusters after others took it leaves the fleet on two versions.
 * With auto-rollback on, every cluster goes back to what ran before (a rollback is a fleet
 * deployment like any other). True when a rollback was requested.
 */
async function rollBackSplitFleet(promotion: Loaded & { deployment: { previousArtifactId: string | null } | null }, reason: string) {
  const previous = promotion.deployment?.previousArtifactId;
  // status is as loaded before finish() settled it: anything but Deploying means it was aborted meanwhile.
  if (promotion.status !== "Deploying" || promotion.kind !== "Promotion" || !promotion.environment.autoRollback || !previous || previous === promotion.artifactId) return false;
  const { rollbackEnvironment } = await import("@/lib/domain/environments/rollback-environment");
  await rollbackEnvironment(engineCtx, promotion.environmentId, {
    reason: `automatic rollback: promotion ${promotion.id} failed on part of the fleet (${reason})`.slice(0, 2000),
    artifactId: previous,
  });
  return true;
}

/** After an environment frees up, wake the promotion that should run next there. */
export async function kickNext(environmentId: string) {
  const env = await db.environment.findUnique({ where: { id: environmentId }, select: { heldAt: true } });
  const next = await nextQueuedPromotion(db, environmentId, Boolean(env?.heldAt));
  if (next) await enqueuePromotion(next.id);
}

/**
 * The promotion that should run next in an environment: rollbacks jump the queue (PromotionKind
 * orders Promotion before Rollback, hence "desc"), otherwise first come, first served. A held
 * environment only takes rollbacks.
 */
function nextQueuedPromotion(reader: Tx | typeof db, environmentId: string, held: boolean) {
  return reader.promotion.findFirst({
    where: { environmentId, status: "Queued", ...(held ? { kind: "Rollback" as const } : {}) },
    orderBy: [{ kind: "desc" }, { queuedAt: "asc" }, { createdAt: "asc" }],
    select: { id: true },
  });
}

/**
 * Runs a promotion to its end, resumably: every step is idempotent, so a worker that dies at any
 * point is replaced by another that continues from the recorded state without a second patch.
 */
export async function executePromotion(promotionId: string, options: ExecuteOptions = {}): Promise<ExecuteOutcome> {
  const waiting = await claim(promotionId);
  if (waiting?.state === "finished" && waiting.status === "Failed") {
    // Refused at the gate when it was about to run (the signature): settle it like any failure, so
    // what queued behind it runs and the channels hear of it.
    const refused = await db.promotion.findUnique({ where: { id: promotionId }, select: { environmentId: true } });
    if (refused) await kickNext(refused.environmentId);
    await notifyPromotionSettled(promotionId, "execution");
  }
  if (waiting) return waiting;
  const promotion = await db.promotion.findUnique({ where: { id: promotionId }, include });
  if (!promotion) return { state: "finished", status: "missing" };
  if (promotion.status !== "Deploying") {
    return promotion.status === "Queued" ? { state: "waiting", reason: "not-queued" } : { state: "finished", status: promotion.status };
  }

  const abort = new AbortController();
  options.signal?.addEventListener("abort", () => abort.abort(options.signal?.reason));
  // An operator may abort while the rollout runs: notice it without a tight loop on the cluster.
  const abortWatch = setInterval(async () => {
    const row = await db.promotion.findUnique({ where: { id: promotionId }, select: { status: true } }).catch(() => null);
    if (row && row.status !== "Deploying") abort.abort(new Error("aborted"));
  }, 1000);

  try {
    const targets = targetsOf(promotion);
    const image = `${promotion.artifact.imageRepository}@${promotion.artifact.imageDigest}`;
    const rollouts = new Map<string, ClusterRollout>(targets.map((t) => [t.cluster.name, { cluster: t.cluster.name, message: "", progress: null }]));
    let lastWrite = 0;
    // One write at a time, always of the latest state of every cluster: concurrent fire-and-forget
    // updates could land out of order and leave an older picture behind.
    let writes = Promise.resolve();
    let writePending = false;
    let trailing: NodeJS.Timeout | undefined;
    const writeProgress = () => {
      if (writePending) return;
      writePending = true;
      writes = writes.then(async () => {
        writePending = false;
        await db.promotion
          .updateMany({ where: { id: promotionId, status: "Deploying" }, data: { rolloutProgress: progressJson([...rollouts.values()]) } })
          .catch(() => undefined);
      });
    };
    const result = await rollOutFleet(
      targets,
      {
        imageRef: image,
        promotionId: promotion.id,
        artifactId: promotion.artifactId,
        changeCause: `Gantry ${promotion.kind === "Rollback" ? "rollback" : "promotion"} ${promotion.id}: ${promotion.environment.service.slug} ${promotion.artifact.version}`,
      },
      {
        timeoutMs: options.rolloutTimeoutMs ?? 10 * 60_000,
        restartThreshold: options.restartThreshold ?? 3,
        signal: abort.signal,
        onProgress: (cluster, progress) => {
          rollouts.set(cluster, { cluster, message: progress.message, progress });
          const wait = lastWrite + 250 - Date.now();
          // Throttled, but never dropped: a cluster that then stays quiet still gets its state written.
          if (wait > 0 && progress.phase === "progressing") {
            trailing ??= setTimeout(() => {
              trailing = undefined;
              lastWrite = Date.now();
              writeProgress();
            }, wait);
            return;
          }
          lastWrite = Date.now();
          writeProgress();
        },
      },
    );
    clearTimeout(trailing);
    await writes;
    if (abort.signal.aborted && options.signal?.aborted) throw options.signal.reason ?? new Error("stopped");
    const retry = result.clusters.find((c) => c.error?.transient);
    if (retry?.error && (options.attempt ?? 0) < (options.maxAttempts ?? 5)) throw retry.error;
    const at = new Date().toISOString();
    const final = result.clusters.map((c): ClusterRollout => ({
      cluster: c.cluster,
      outcome: c.outcome,
      message: c.message,
      progress: c.final ? { ...c.final, at } : (rollouts.get(c.cluster)?.progress ?? null),
    }));
    await db.promotion.updateMany({ where: { id: promotionId }, data: { rolloutProgress: progressJson(final) } });
    await finish(promotionId, result.outcome === "succeeded" ? { succeeded: true } : { succeeded: false, reason: result.message, rollBack: result.split }, options);
  } catch (error) {
    if (options.signal?.aborted) throw error; // the worker is stopping: leave the state for the next one
    const clusterError = error instanceof ClusterError ? error : toClusterError(error, { operation: "deploy", cluster: promotion.environment.clusters.map((c) => c.cluster.name).join(", ") || "?" });
    if (clusterError.kind === "aborted") {
      await finish(promotionId, { succeeded: false, reason: "aborted" }, options);
    } else if (clusterError.transient && (options.attempt ?? 0) < (options.maxAttempts ?? 5)) {
      log.warn("promotion step failed, will retry", { promotionId, kind: clusterError.kind, message: clusterError.message });
      throw clusterError;
    } else {
      await finish(promotionId, { succeeded: false, reason: clusterError.message }, options);
    }
  } finally {
    clearInterval(abortWatch);
  }
  const final = await db.promotion.findUniqueOrThrow({ where: { id: promotionId }, select: { status: true } });
  return { state: "finished", status: final.status };
}
