import { Lock, RotateCcw, Snowflake, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { formatScore, VERDICT_DISPLAY } from "@/components/analysis/analysis-format";
import { VerdictBadge } from "@/components/analysis/verdict-badge";
import { PromotionStatusBadge } from "@/components/promotions/promotion-status";
import { stageActions, type StageFacts } from "@/components/release/available-actions";
import { EnvironmentActions } from "@/components/release/environment-actions";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Digest } from "@/components/ui/digest";
import { formatAbsoluteTime, shortImage } from "@/components/ui/format";
import { RelativeTime } from "@/components/ui/relative-time";
import type { BoardEnvironment } from "@/lib/domain/pipelines/get-pipeline-board";

/** The facts the release actions need, from a board cell. */
export function boardStageFacts(environment: BoardEnvironment): StageFacts {
  const { current, rollbackTarget } = environment;
  return {
    id: environment.id,
    name: environment.name,
    requiredApprovals: environment.requiredApprovals,
    current: current ? { artifactId: current.artifact.id, version: current.artifact.version, digest: current.artifact.imageDigest } : null,
    waiting: environment.waitingPromotions,
    rollbackTarget: rollbackTarget ? { artifactId: rollbackTarget.id, version: rollbackTarget.version, digest: rollbackTarget.imageDigest } : null,
    hold: environment.hold,
    can: environment.can,
  };
}

/** The latest judged release here: the on-call engineer's "is what runs now healthy?" at a glance. */
function LastVerdict({ verdict, now }: { verdict: NonNullable<BoardEnvironment["lastVerdict"]>; now: Date }) {
  return (
    <div className="flex min-w-0 flex-wrap items-center gap-x-1.5 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400" data-testid="last-verdict">
      <Link href={`/analyses/${verdict.analysisId}`} className="rounded-md hover:opacity-80" title={VERDICT_DISPLAY[verdict.verdict].meaning}>
        <span className="sr-only">Last verification verdict: </span>
        <VerdictBadge analysis={{ status: "Completed", verdict: verdict.verdict }} />
      </Link>
      <span className="min-w-0 truncate font-mono" title={verdict.artifactVersion}>
        {verdict.artifactVersion}
      </span>
      {verdict.score !== null && (
        <span className="whitespace-nowrap">
          score {formatScore(verdict.score)}
          <span aria-hidden>/100</span>
          <span className="sr-only"> out of 100</span>
        </span>
      )}
      {verdict.finishedAt && <RelativeTime date={verdict.finishedAt} now={now} className="ml-auto" />}
    </div>
  );
}

function ApprovalCount({ approvals, required }: { approvals: number; required: number }) {
  return (
    <span className="font-medium whitespace-nowrap text-amber-800 dark:text-amber-300">
      {Math.min(approvals, required)}/{required} approvals
    </span>
  );
}

export function EnvironmentStage({
  service,
  environment,
  next,
  now,
}: {
  service: { name: string; slug: string };
  environment: BoardEnvironment;
  /** The following stage of the pipeline (where "Promote" sends this stage's artifact). */
  next: BoardEnvironment | null;
  now: Date;
}) {
  const { current, latestPromotion, hold, drift, freeze } = environment;
  const promotionIsForAnotherVersion = latestPromotion && latestPromotion.artifactVersion !== current?.artifact.version;
  const pending = environment.waitingPromotions.find((p) => p.status === "PendingApproval");
  const actions = stageActions(boardStageFacts(environment), next ? boardStageFacts(next) : null);
  return (
    <li
      aria-label={environment.name}
      data-environment={environment.name}
      className={cn(
        "flex min-w-0 flex-1 flex-col gap-2 rounded-md border px-3 py-2.5 sm:basis-0",
        hold
          ? "border-amber-300 bg-amber-50/60 dark:border-amber-500/40 dark:bg-amber-500/5"
          : "border-zinc-200 bg-zinc-50/70 dark:border-zinc-800 dark:bg-zinc-950/40",
      )}
    >
      <div className="flex items-center justify-between gap-2">
        <span className="flex min-w-0 items-center gap-1.5 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
          <span className="truncate">{environment.name}</span>
          {environment.isProduction && !/prod/i.test(environment.name) && (
            <span className="rounded-sm bg-zinc-200/80 px-1 text-[10px] leading-4 font-semibold text-zinc-600 dark:bg-zinc-800 dark:text-zinc-300">
              production
            </span>
          )}
        </span>
        <span className="flex shrink-0 flex-wrap justify-end gap-1">
          {drift && (
            <Badge
              tone="danger"
              icon={<TriangleAlert aria-hidden />}
              title={`Drift detected ${formatAbsoluteTime(drift.detectedAt)}: ${drift.clusters.map((c) => `${c.cluster} runs ${c.liveImage ?? "another image"}`).join("; ")}`}
            >
              Drift
            </Badge>
          )}
          {freeze && (
            <Badge tone="info" icon={<Snowflake aria-hidden />} title={`Frozen until ${formatAbsoluteTime(freeze.endsAt)}: ${freeze.reason}`}>
              Frozen
            </Badge>
          )}
          {hold && (
            <Badge
              tone="warning"
              icon={<Lock aria-hidden />}
              title={`Held since ${formatAbsoluteTime(hold.heldAt)}${hold.reason ? `: ${hold.reason}` : ""}`}
            >
              Held
            </Badge>
          )}
        </span>
      </div>

      {current ? (
        <div className="min-w-0">
          <p className="flex min-w-0 items-center gap-1.5 font-mono text-sm font-medium text-zinc-900 dark:text-zinc-100">
            <span className="truncate" title={current.artifact.version} data-testid="current-version">
              {current.artifact.version}
            </span>
            {current.isRollback && (
              <span title="Running a rollback" className="text-amber-600 dark:text-amber-400">
                <RotateCcw aria-hidden className="size-3" />
                <span className="sr-only">(rolled back)</span>
              </span>
            )}
          </p>
          <p className="mt-0.5 flex items-center gap-1.5 text-xs text-zinc-500 dark:text-zinc-400">
            <Digest value={current.artifact.imageDigest} />
            <span aria-hidden>·</span>
            <span>
              <span className="sr-only">deployed </span>
              <RelativeTime date={current.deployedAt} now={now} />
            </span>
          </p>
        </div>
      ) : (
        <p className="text-sm text-zinc-500 dark:text-zinc-400">Nothing deployed</p>
      )}

      {drift && (
        // Visible, not only in the badge's tooltip: keyboard and touch users must see what drifted too.
        <p className="line-clamp-2 text-xs break-words text-red-700 dark:text-red-300" data-testid="drift-detail">
          Drift: {drift.clusters.map((c) => `${c.cluster} runs ${c.liveImage ? shortImage(c.liveImage) : "another image"}`).join("; ")}
        </p>
      )}
      {hold?.reason && <p className="line-clamp-2 text-xs break-words text-amber-800 dark:text-amber-300">{hold.reason}</p>}
      {freeze && !hold && <p className="line-clamp-1 text-xs text-sky-800 dark:text-sky-300">Frozen: {freeze.reason}</p>}

      {pending && pending.id !== latestPromotion?.id && (
        <div className="flex min-w-0 flex-wrap items-center gap-x-1.5 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
          <Link href={`/promotions/${pending.id}`} className="rounded-md hover:opacity-80">
            <span className="sr-only">Waiting promotion: </span>
            <PromotionStatusBadge status="PendingApproval" />
          </Link>
          <span className="min-w-0 truncate font-mono">{pending.artifactVersion}</span>
          <ApprovalCount approvals={pending.approvals} required={environment.requiredApprovals} />
        </div>
      )}

      {latestPromotion && (
        <div className="flex min-w-0 flex-wrap items-center gap-x-1.5 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
          <Link href={`/promotions/${latestPromotion.id}`} className="rounded-md hover:opacity-80">
            <span className="sr-only">Latest promotion: </span>
            <PromotionStatusBadge status={latestPromotion.status} />
          </Link>
          {latestPromotion.kind === "Rollback" && (
            <span title="Rollback">
              <RotateCcw aria-hidden className="size-3" />
              <span className="sr-only">rollback</span>
            </span>
          )}
          {promotionIsForAnotherVersion && (
            <span className="min-w-0 truncate font-mono" title={latestPromotion.artifactVersion}>
              {latestPromotion.artifactVersion}
            </span>
          )}
          {pending && pending.id === latestPromotion.id && <ApprovalCount approvals={pending.approvals} required={environment.requiredApprovals} />}
          <RelativeTime date={latestPromotion.createdAt} now={now} className="ml-auto" />
        </div>
      )}

      {environment.lastVerdict && <LastVerdict verdict={environment.lastVerdict} now={now} />}

      <EnvironmentActions
        service={service}
        environment={environment}
        current={current ? { version: current.artifact.version, digest: current.artifact.imageDigest } : null}
        holdReason={hold?.reason ?? null}
        actions={actions}
        className="mt-auto pt-1"
      />
    </li>
  );
}
