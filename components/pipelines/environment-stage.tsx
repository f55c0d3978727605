import { Lock, RotateCcw } from "lucide-react";
import { PromotionStatusBadge } from "@/components/promotions/promotion-status";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Digest } from "@/components/ui/digest";
import { formatAbsoluteTime } from "@/components/ui/format";
import { RelativeTime } from "@/components/ui/relative-time";
import type { BoardEnvironment } from "@/lib/domain/pipelines/get-pipeline-board";

export function EnvironmentStage({ environment, now }: { environment: BoardEnvironment; now: Date }) {
  const { current, latestPromotion, hold } = environment;
  const promotionIsForAnotherVersion = latestPromotion && latestPromotion.artifactVersion !== current?.artifact.version;
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
        {hold && (
          <Badge
            tone="warning"
            icon={<Lock aria-hidden />}
            title={`Held since ${formatAbsoluteTime(hold.heldAt)}${hold.reason ? `: ${hold.reason}` : ""}`}
          >
            Held
          </Badge>
        )}
      </div>

      {current ? (
        <div className="min-w-0">
          <p className="truncate font-mono text-sm font-medium text-zinc-900 dark:text-zinc-100" title={current.artifact.version}>
            {current.artifact.version}
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

      {hold?.reason && <p className="line-clamp-2 text-xs text-amber-800 dark:text-amber-300">{hold.reason}</p>}

      {latestPromotion && (
        <div className="mt-auto flex min-w-0 flex-wrap items-center gap-x-1.5 gap-y-1 text-xs text-zinc-500 dark:text-zinc-400">
          <span className="sr-only">Latest promotion:</span>
          <PromotionStatusBadge status={latestPromotion.status} />
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
          <RelativeTime date={latestPromotion.createdAt} now={now} className="ml-auto" />
        </div>
      )}
    </li>
  );
}
