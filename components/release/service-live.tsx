"use client";

import { useQuery } from "@tanstack/react-query";
import { ChevronRight, Lock, RotateCcw, Server, Snowflake, TriangleAlert } from "lucide-react";
import Link from "next/link";
import { PromotionStatusBadge } from "@/components/promotions/promotion-status";
import { Badge } from "@/components/ui/badge";
import { cn } from "@/components/ui/cn";
import { Digest } from "@/components/ui/digest";
import { formatAbsoluteTime } from "@/components/ui/format";
import { RelativeTime } from "@/components/ui/relative-time";
import type { PromotionStatus } from "@/lib/db/generated/enums";
import type { ServiceDetail } from "@/lib/domain/services/get-service";
import { stageActions, type StageFacts } from "./available-actions";
import { EnvironmentActions } from "./environment-actions";
import type { Jsonify } from "./json";
import { parseRolloutProgress } from "./promotion-model";
import { apiSend } from "./release-api";

export type ServiceDetailJson = Jsonify<ServiceDetail>;
type Stage = ServiceDetailJson["environments"][number];

function digestOf(image: string) {
  return image.includes("@") ? image.slice(image.indexOf("@") + 1) : image;
}

export function serviceStageFacts(stage: Stage): StageFacts {
  return {
    id: stage.id,
    name: stage.name,
    requiredApprovals: stage.policy.requiredApprovals,
    current: stage.current ? { artifactId: stage.current.artifact.id, version: stage.current.artifact.version, digest: stage.current.artifact.imageDigest } : null,
    waiting: stage.waitingPromotions.map((p) => ({ id: p.id, status: p.status, kind: p.kind, artifactId: p.artifact.id })),
    rollbackTarget: stage.rollbackTarget ? { artifactId: stage.rollbackTarget.artifactId, version: stage.rollbackTarget.version, digest: digestOf(stage.rollbackTarget.image) } : null,
    hold: stage.hold,
    can: stage.can,
  };
}

/** Poll while something moves in the pipeline; otherwise only on focus. */
export function servicePollInterval(service: ServiceDetailJson): number | false {
  const moving = service.environments.some((e) => e.activePromotion || e.waitingPromotions.some((p) => p.status !== "PendingApproval"));
  return moving ? 2_000 : false;
}

function policySummary(stage: Stage, previous: Stage | undefined) {
  const parts: string[] = [];
  parts.push(stage.policy.requiredApprovals === 0 ? "No approvals" : `${stage.policy.requiredApprovals} ${stage.policy.requiredApprovals === 1 ? "approval" : "approvals"}`);
  if (previous && stage.policy.minSoakMinutes > 0) parts.push(`${stage.policy.minSoakMinutes}m soak in ${previous.name}`);
  if (stage.policy.autoRollback) parts.push("auto-rollback");
  return parts.join(" · ");
}

function StageCard({ service, stage, previous, next, now }: { service: ServiceDetailJson; stage: Stage; previous?: Stage; next?: Stage; now: Date }) {
  const { current, activePromotion, hold, drift, freeze } = stage;
  const progress = activePromotion ? parseRolloutProgress(activePromotion.rolloutProgress) : null;
  const actions = stageActions(serviceStageFacts(stage), next ? serviceStageFacts(next) : null);
  return (
    <li
      aria-label={stage.name}
      data-environment={stage.name}
      className={cn(
        "flex min-w-0 flex-col rounded-lg border bg-white shadow-xs dark:bg-zinc-900",
        hold ? "border-amber-300 dark:border-amber-500/40" : "border-zinc-200 dark:border-zinc-800",
      )}
    >
      <div className="flex items-center justify-between gap-2 border-b border-zinc-200 px-4 py-2.5 dark:border-zinc-800">
        <h2 className="flex items-center gap-2 text-sm font-semibold tracking-wide text-zinc-700 uppercase dark:text-zinc-300">
          {stage.name}
          {stage.isProduction && !/prod/i.test(stage.name) && <Badge tone="neutral">production</Badge>}
        </h2>
        <span className="flex flex-wrap justify-end gap-1">
          {drift && (
            <Badge tone="danger" icon={<TriangleAlert aria-hidden />} title={`Drift detected ${formatAbsoluteTime(new Date(drift.detectedAt))}`}>
              Drift
            </Badge>
          )}
          {freeze && (
            <Badge tone="info" icon={<Snowflake aria-hidden />} title={`Until ${formatAbsoluteTime(new Date(freeze.endsAt))}`}>
              Frozen
            </Badge>
          )}
          {hold && (
            <Badge tone="warning" icon={<Lock aria-hidden />} title={`Held since ${formatAbsoluteTime(new Date(hold.heldAt))}`}>
              Held
            </Badge>
          )}
        </span>
      </div>

      <div className="flex flex-1 flex-col gap-3 p-4">
        {current ? (
          <div>
            <p className="text-[11px] font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Running</p>
            <p className="mt-0.5 flex items-center gap-2 font-mono text-lg font-semibold text-zinc-900 dark:text-zinc-50">
              <span data-testid="current-version" className="truncate">
                {current.artifact.version}
              </span>
              {current.isRollback && (
                <span title="A rollback put this version here" className="text-amber-600 dark:text-amber-400">
                  <RotateCcw aria-hidden className="size-4" />
                  <span className="sr-only">(rolled back)</span>
                </span>
              )}
            </p>
            <p className="mt-0.5 flex flex-wrap items-center gap-x-1.5 text-xs text-zinc-500 dark:text-zinc-400">
              <Digest value={current.artifact.imageDigest} />
              <span aria-hidden>·</span>
              <code className="font-mono" title={current.artifact.gitSha}>
                {current.artifact.gitSha.slice(0, 7)}
              </code>
              <span aria-hidden>·</span>
              <span>
                deployed <RelativeTime date={new Date(current.deployedAt)} now={now} />
              </span>
            </p>
          </div>
        ) : (
          <p className="text-sm text-zinc-500 dark:text-zinc-400">Nothing deployed yet.</p>
        )}

        {hold && (
          <p className="rounded-md bg-amber-50 px-2.5 py-1.5 text-xs break-words text-amber-900 dark:bg-amber-500/10 dark:text-amber-200">
            <span className="font-semibold">On hold</span>
            {hold.reason ? `: ${hold.reason}` : ""}
          </p>
        )}
        {drift && (
          <p className="rounded-md bg-red-50 px-2.5 py-1.5 text-xs break-words text-red-900 dark:bg-red-500/10 dark:text-red-200">
            <span className="font-semibold">Drift:</span>{" "}
            {drift.clusters.map((c, i) => (
              <span key={c.cluster}>
                {i > 0 && "; "}
                {c.cluster} runs <span className="font-mono break-all">{c.liveImage ?? "another image"}</span>
              </span>
            ))}
          </p>
        )}
        {freeze && (
          <p className="rounded-md bg-sky-50 px-2.5 py-1.5 text-xs break-words text-sky-900 dark:bg-sky-500/10 dark:text-sky-200">
            <span className="font-semibold">Frozen</span> until {formatAbsoluteTime(new Date(freeze.endsAt))}: {freeze.reason}
          </p>
        )}

        {activePromotion && (
          <Link
            href={`/promotions/${activePromotion.id}`}
            className="block rounded-md border border-indigo-200 bg-indigo-50/60 px-3 py-2 text-sm hover:border-indigo-300 dark:border-indigo-500/30 dark:bg-indigo-500/10"
          >
            <span className="flex items-center gap-2">
              <PromotionStatusBadge status={activePromotion.status as PromotionStatus} />
              <span className="font-mono text-zinc-900 dark:text-zinc-100">{activePromotion.artifact.version}</span>
              {activePromotion.kind === "Rollback" && <span className="text-xs text-zinc-500 dark:text-zinc-400">rollback</span>}
              <ChevronRight aria-hidden className="ml-auto size-4 text-zinc-400" />
            </span>
            {progress && (
              <span className="mt-1.5 block">
                <span aria-hidden className="block h-1.5 overflow-hidden rounded-full bg-indigo-100 dark:bg-indigo-500/20">
                  <span className="block h-full bg-indigo-600 transition-[width] duration-500 dark:bg-indigo-400" style={{ width: `${progress.desired ? Math.round((Math.min(progress.available, progress.desired) / progress.desired) * 100) : 100}%` }} />
                </span>
                <span className="mt-1 block text-xs text-zinc-600 dark:text-zinc-400">
                  {Math.min(progress.available, progress.desired)} of {progress.desired} replicas available
                </span>
              </span>
            )}
          </Link>
        )}

        {stage.waitingPromotions.length > 0 && (
          <div>
            <p className="text-[11px] font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Waiting</p>
            <ul className="mt-1 space-y-1">
              {stage.waitingPromotions.map((p) => (
                <li key={p.id}>
                  <Link href={`/promotions/${p.id}`} className="flex flex-wrap items-center gap-x-2 gap-y-1 rounded-md px-1 py-0.5 text-xs hover:bg-zinc-50 dark:hover:bg-zinc-800/60">
                    <PromotionStatusBadge status={p.status as PromotionStatus} />
                    <span className="font-mono text-zinc-900 dark:text-zinc-100">{p.artifact.version}</span>
                    {p.status === "PendingApproval" && (
                      <span className="font-medium text-amber-800 dark:text-amber-300">
                        {Math.min(p.approvals, stage.policy.requiredApprovals)}/{stage.policy.requiredApprovals} approvals
                      </span>
                    )}
                    <RelativeTime date={new Date(p.createdAt)} now={now} className="ml-auto text-zinc-500 dark:text-zinc-400" />
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        )}

        <dl className="mt-auto space-y-1 border-t border-zinc-100 pt-3 text-xs text-zinc-500 dark:border-zinc-800 dark:text-zinc-400">
          <div className="flex items-start gap-1.5">
            <dt className="sr-only">Workload</dt>
            <Server aria-hidden className="mt-0.5 size-3.5 shrink-0" />
            <dd className="min-w-0 font-mono break-all">
              {stage.clusters.length === 0 ? "no cluster" : stage.clusters.map((c) => c.name).join(", ")} / {stage.namespace} / {stage.workload.name}
            </dd>
          </div>
          <div>
            <dt className="sr-only">Policy</dt>
            <dd>{policySummary(stage, previous)}</dd>
          </div>
          {stage.rollbackTarget && (
            <div>
              <dt className="inline">Rollback target: </dt>
              <dd className="inline font-mono">{stage.rollbackTarget.version}</dd>
            </div>
          )}
        </dl>

        <EnvironmentActions
          service={service}
          environment={stage}
          current={current ? { version: current.artifact.version, digest: current.artifact.imageDigest } : null}
          holdReason={hold?.reason ?? null}
          actions={actions}
          withHold
        />
      </div>
    </li>
  );
}

/** A service's pipeline, kept current by polling GET /api/v1/services/:slug while anything in it moves. */
export function ServiceLive({ initial }: { initial: ServiceDetailJson }) {
  const query = useQuery({
    queryKey: ["service", initial.slug],
    queryFn: async () => (await apiSend<{ service: ServiceDetailJson }>("GET", `/api/v1/services/${encodeURIComponent(initial.slug)}`)).service,
    initialData: initial,
    refetchInterval: (q) => (q.state.data ? servicePollInterval(q.state.data) : false),
  });
  const service = query.data;
  const now = new Date();
  if (service.environments.length === 0) {
    return <p className="rounded-md border border-dashed border-zinc-300 px-4 py-6 text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">No environments configured yet.</p>;
  }
  return (
    <ol aria-label={`${service.name} pipeline`} className="grid gap-4 md:grid-cols-2 xl:grid-cols-3">
      {service.environments.map((stage, index) => (
        <StageCard key={stage.id} service={service} stage={stage} previous={service.environments[index - 1]} next={service.environments[index + 1]} now={now} />
      ))}
    </ol>
  );
}
