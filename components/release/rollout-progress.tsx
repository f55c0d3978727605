import { AlertTriangle, CheckCircle2, Loader2 } from "lucide-react";
import { cn } from "@/components/ui/cn";
import type { ClusterRolloutView, RolloutProgressView } from "./promotion-model";

function Stat({ label, value, of }: { label: string; value: number; of: number }) {
  return (
    <div className="min-w-0 rounded-md border border-zinc-200 bg-white px-3 py-2 dark:border-zinc-800 dark:bg-zinc-950/40">
      <dt className="text-[11px] font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{label}</dt>
      <dd className="mt-0.5 font-mono text-lg font-semibold text-zinc-900 tabular-nums dark:text-zinc-50">
        {value}
        <span className="text-sm font-normal text-zinc-500 dark:text-zinc-400">/{of}</span>
      </dd>
    </div>
  );
}

/**
 * Replicas updated / ready / available of desired, as the rollout watcher last saw them, with the
 * controller's message. `running` animates it; a finished snapshot is shown as it ended.
 */
export function RolloutProgress({ progress, running, cluster }: { progress: RolloutProgressView; running: boolean; cluster?: string | null }) {
  const desired = Math.max(progress.desired, 0);
  // During a surge old and new pods are both counted; "4 of 3" reads as a bug, so cap at desired.
  const updated = Math.min(progress.updated, desired);
  const ready = Math.min(progress.ready, desired);
  const available = Math.min(progress.available, desired);
  const pct = desired === 0 ? 100 : Math.round((available / desired) * 100);
  const updatedPct = desired === 0 ? 100 : Math.round((updated / desired) * 100);
  const failed = progress.phase === "failed";
  const done = progress.phase === "succeeded";
  return (
    <div>
      <div className="mb-2 flex items-center gap-2 text-sm font-medium">
        {failed ? (
          <AlertTriangle aria-hidden className="size-4 text-red-600 dark:text-red-400" />
        ) : done ? (
          <CheckCircle2 aria-hidden className="size-4 text-emerald-600 dark:text-emerald-400" />
        ) : (
          <Loader2 aria-hidden className={cn("size-4 text-indigo-600 dark:text-indigo-400", running && "motion-safe:animate-spin")} />
        )}
        <span className="text-zinc-900 dark:text-zinc-100">
          {failed ? "Rollout failed" : done ? "Rollout complete" : "Rolling out"} · {available} of {desired} available
        </span>
      </div>
      <div
        role="progressbar"
        aria-label={cluster ? `Replicas available on ${cluster}` : "Replicas available"}
        aria-valuemin={0}
        aria-valuemax={desired}
        aria-valuenow={available}
        aria-valuetext={`${available} of ${desired} replicas available`}
        className="relative h-2 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800"
      >
        <div className="absolute inset-y-0 left-0 bg-indigo-200 transition-[width] duration-500 dark:bg-indigo-500/30" style={{ width: `${updatedPct}%` }} />
        <div
          className={cn(
            "absolute inset-y-0 left-0 transition-[width] duration-500",
            failed ? "bg-red-500" : done ? "bg-emerald-500" : "bg-indigo-600 dark:bg-indigo-400",
          )}
          style={{ width: `${pct}%` }}
        />
      </div>
      <dl className="mt-3 grid grid-cols-3 gap-2">
        <Stat label="Updated" value={updated} of={desired} />
        <Stat label="Ready" value={ready} of={desired} />
        <Stat label="Available" value={available} of={desired} />
      </dl>
      {progress.message && (
        <p aria-live="polite" className="mt-3 font-mono text-xs break-words text-zinc-600 dark:text-zinc-400">
          {progress.message}
        </p>
      )}
      {progress.crashingPods.length > 0 && (
        <ul className="mt-2 space-y-1 text-xs text-red-800 dark:text-red-300">
          {progress.crashingPods.map((pod) => (
            <li key={`${pod.pod}/${pod.container}`} className="font-mono break-all">
              {pod.pod} ({pod.container}): {pod.reason ?? "restarting"}, {pod.restartCount} restarts
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

const OUTCOME_TEXT: Record<NonNullable<ClusterRolloutView["outcome"]>, string> = {
  succeeded: "complete",
  failed: "failed",
  error: "could not deploy",
  stopped: "stopped watching",
};

/**
 * The rollout on each cluster of the environment, one block per cluster named by its heading. A
 * rollout stored before environments spanned clusters has no name and shows as before.
 */
export function FleetRollout({ rollouts, running }: { rollouts: ClusterRolloutView[]; running: boolean }) {
  if (rollouts.length === 1 && rollouts[0]!.cluster === null && rollouts[0]!.progress) {
    return <RolloutProgress progress={rollouts[0]!.progress} running={running} />;
  }
  return (
    <ul aria-label="Rollout per cluster" className="space-y-4">
      {rollouts.map((rollout) => {
        const name = rollout.cluster ?? "cluster";
        const bad = rollout.outcome === "failed" || rollout.outcome === "error";
        return (
          <li key={name} data-cluster={name}>
            <h3 className="mb-1.5 flex items-center gap-2 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
              <span className="font-mono normal-case">{name}</span>
              {rollout.outcome && <span className={cn("normal-case", bad && "text-red-700 dark:text-red-400")}>· {OUTCOME_TEXT[rollout.outcome]}</span>}
            </h3>
            {rollout.progress ? (
              <RolloutProgress progress={rollout.progress} cluster={rollout.cluster} running={running && !rollout.outcome} />
            ) : (
              <p className={cn("font-mono text-xs break-words", bad ? "text-red-800 dark:text-red-300" : "text-zinc-600 dark:text-zinc-400")}>
                {rollout.message || "Waiting for the first report from this cluster…"}
              </p>
            )}
            {rollout.progress && rollout.outcome === "error" && rollout.message && (
              <p className="mt-1 font-mono text-xs break-words text-red-800 dark:text-red-300">{rollout.message}</p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
