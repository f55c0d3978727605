"use client";

import { useQuery } from "@tanstack/react-query";
import { Activity, ChevronRight, CircleCheck, CircleSlash, Clock, Hourglass, RotateCcw, ShieldAlert, WifiOff, XCircle } from "lucide-react";
import Link from "next/link";
import { useState, type ReactNode } from "react";
import { PromotionVerification } from "@/components/analysis/promotion-verification";
import { PromotionStatusBadge } from "@/components/promotions/promotion-status";
import { ConfirmButton } from "@/components/settings/confirm-button";
import { useApiMutation } from "@/components/settings/use-api-mutation";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { Digest } from "@/components/ui/digest";
import type { PromotionStatus } from "@/lib/db/generated/enums";
import type { AnalysisDetail } from "@/lib/domain/analyses/analysis-view";
import { RelativeTime } from "@/components/ui/relative-time";
import { BlockerList, sentence } from "./blocker-list";
import { DecisionForm } from "./decision-form";
import { PromotionDiff } from "./promotion-diff";
import { buildTimeline, isLive, parseClusterRollouts, pollInterval, ROLLING_STATUSES, type PromotionDetailJson } from "./promotion-model";
import { PromotionTimeline } from "./promotion-timeline";
import { apiSend } from "./release-api";
import { ReleaseError } from "./release-error";
import { FleetRollout } from "./rollout-progress";

export const promotionQueryKey = (id: string) => ["promotion", id] as const;

function Section({ title, children, aside, id }: { title: string; children: ReactNode; aside?: ReactNode; id: string }) {
  return (
    <Card aria-labelledby={id} role="region">
      <div className="flex items-center justify-between gap-3 border-b border-zinc-200 px-4 py-3 dark:border-zinc-800">
        <h2 id={id} className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
          {title}
        </h2>
        {aside}
      </div>
      <div className="p-4">{children}</div>
    </Card>
  );
}

function Callout({ tone, icon, title, children }: { tone: "success" | "danger" | "neutral" | "info" | "warning"; icon: ReactNode; title: string; children?: ReactNode }) {
  const styles = {
    success: "border-emerald-200 bg-emerald-50 text-emerald-950 dark:border-emerald-500/30 dark:bg-emerald-500/10 dark:text-emerald-100 [&_svg]:text-emerald-600 dark:[&_svg]:text-emerald-400",
    danger: "border-red-200 bg-red-50 text-red-950 dark:border-red-500/30 dark:bg-red-500/10 dark:text-red-100 [&_svg]:text-red-600 dark:[&_svg]:text-red-400",
    warning: "border-amber-200 bg-amber-50 text-amber-950 dark:border-amber-500/30 dark:bg-amber-500/10 dark:text-amber-100 [&_svg]:text-amber-600 dark:[&_svg]:text-amber-400",
    info: "border-sky-200 bg-sky-50 text-sky-950 dark:border-sky-500/30 dark:bg-sky-500/10 dark:text-sky-100 [&_svg]:text-sky-600 dark:[&_svg]:text-sky-400",
    neutral: "border-zinc-200 bg-zinc-50 text-zinc-900 dark:border-zinc-700 dark:bg-zinc-800/40 dark:text-zinc-100 [&_svg]:text-zinc-500",
  }[tone];
  return (
    <div className={`flex items-start gap-3 rounded-md border px-3 py-2.5 ${styles}`}>
      <span aria-hidden className="mt-0.5 [&_svg]:size-4">
        {icon}
      </span>
      <div className="min-w-0 text-sm">
        <p className="font-medium">{title}</p>
        {children && <div className="mt-0.5 break-words opacity-90">{children}</div>}
      </div>
    </div>
  );
}

function AbortButton({ promotionId }: { promotionId: string }) {
  const mutation = useApiMutation(() => apiSend("POST", `/api/v1/promotions/${promotionId}/abort`, { reason: "aborted from the promotion page" }));
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <ConfirmButton
        label="Abort"
        accessibleLabel="Abort promotion"
        question="Stop this promotion?"
        confirmLabel="Abort promotion"
        pending={mutation.isPending}
        onConfirm={() => mutation.mutate(undefined)}
      />
      <ReleaseError error={mutation.error} />
    </span>
  );
}

function StatusPanel({ detail, now }: { detail: PromotionDetailJson; now: Date }) {
  const { promotion, policy, actions } = detail;
  const status = promotion.status as PromotionStatus;
  const rollouts = parseClusterRollouts(promotion.rolloutProgress);
  const progress = rollouts.some((r) => r.progress || r.outcome);
  const rolling = (ROLLING_STATUSES as readonly string[]).includes(status);
  const env = promotion.environment.name;
  const open = status === "PendingApproval" || status === "Approved" || status === "Queued";
  const blockers = open ? policy.blockers.map((b) => b.message) : [];

  return (
    <div className="space-y-4">
      {status === "PendingApproval" && (
        <Callout tone="warning" icon={<Hourglass />} title={`Waiting for approval: ${Math.min(policy.countedApprovals.length, policy.requiredApprovals)} of ${policy.requiredApprovals}`}>
          Approvals come from approvers of {promotion.service.slug} / {env}; the requester and the authors of its commits do not count.
        </Callout>
      )}
      {(status === "Approved" || status === "Queued") && (
        <Callout tone="info" icon={<Clock />} title="Queued for deployment">
          {blockers.length > 0 ? "It runs once the blockers below clear." : `It deploys as soon as ${env} is free.`}
        </Callout>
      )}
      {rolling && !progress && <Callout tone="info" icon={<Clock />} title="Starting the rollout…" />}
      {status === "Verifying" && (
        <Callout tone="info" icon={<Activity />} title="Verifying: comparing the service's metrics before and after the release">
          {promotion.environment.name} runs {promotion.artifact.version}; a failed verification rolls it back if the environment says so.
        </Callout>
      )}
      {progress && (rolling || status === "Succeeded" || status === "Failed" || status === "RolledBack" || status === "Aborted") && (
        <FleetRollout rollouts={rollouts} running={rolling} />
      )}
      {status === "Succeeded" && (
        <Callout tone="success" icon={<CircleCheck />} title={promotion.kind === "Rollback" ? `${env} is back on ${promotion.artifact.version}` : `${promotion.artifact.version} runs in ${env}`}>
          {promotion.finishedAt && (
            <>
              Finished <RelativeTime date={new Date(promotion.finishedAt)} now={now} />.
            </>
          )}
          {promotion.kind === "Rollback" && ` ${env} stays on hold until someone clears it.`}
        </Callout>
      )}
      {status === "Failed" && (
        <Callout tone="danger" icon={<XCircle />} title="The deployment failed">
          {promotion.failureReason ? sentence(promotion.failureReason) : "No reason was recorded."}
        </Callout>
      )}
      {status === "Rejected" && <Callout tone="danger" icon={<XCircle />} title="Rejected: this promotion will not run" />}
      {status === "Aborted" && (
        <Callout tone="neutral" icon={<CircleSlash />} title="Aborted">
          {promotion.failureReason && promotion.failureReason !== "aborted" ? sentence(promotion.failureReason) : null}
        </Callout>
      )}
      {status === "Superseded" && <Callout tone="neutral" icon={<CircleSlash />} title="Superseded by a newer promotion to this environment" />}
      {status === "RolledBack" && (
        <Callout tone="warning" icon={<RotateCcw />} title={`Rolled back: ${promotion.artifact.version} no longer runs in ${env}`} />
      )}

      {blockers.length > 0 && (
        <div>
          <h3 className="mb-1.5 flex items-center gap-1.5 text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
            <ShieldAlert aria-hidden className="size-3.5" />
            Blockers
          </h3>
          <BlockerList blockers={blockers} />
        </div>
      )}

      {status === "PendingApproval" && (
        <div className="border-t border-zinc-200 pt-4 dark:border-zinc-800">
          <h3 className="mb-2 text-sm font-semibold text-zinc-900 dark:text-zinc-100">Your decision</h3>
          <DecisionForm promotionId={promotion.id} allowed={actions.approve.allowed} reason={actions.approve.reason} />
        </div>
      )}
    </div>
  );
}

function Approvals({ detail, now }: { detail: PromotionDetailJson; now: Date }) {
  const { promotion, policy } = detail;
  const counted = new Set(policy.countedApprovals.map((e) => e.toLowerCase()));
  if (promotion.kind === "Rollback") {
    return <p className="text-sm text-zinc-500 dark:text-zinc-400">Rollbacks need no approvals: the rollback permission is enough, and the reason is audited.</p>;
  }
  if (promotion.approvals.length === 0) {
    return (
      <p className="text-sm text-zinc-500 dark:text-zinc-400">
        {policy.requiredApprovals === 0 ? `${promotion.environment.name} needs no approvals.` : "No one has decided yet."}
      </p>
    );
  }
  return (
    <ul aria-label="Approvals" className="space-y-3">
      {promotion.approvals.map((approval) => {
        const approved = approval.decision === "Approve";
        return (
          <li key={approval.id} className="text-sm">
            <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
              <Badge tone={approved ? "success" : "danger"}>{approved ? "Approved" : "Rejected"}</Badge>
              <span className="font-medium text-zinc-900 dark:text-zinc-100" title={approval.user.email}>
                {approval.user.name}
              </span>
              {approved && !counted.has(approval.user.email.toLowerCase()) && <span className="text-xs text-zinc-500 dark:text-zinc-400">(does not count)</span>}
              <RelativeTime date={new Date(approval.createdAt)} now={now} className="ml-auto text-xs text-zinc-500 dark:text-zinc-400" />
            </div>
            {approval.comment && (
              <p className="mt-1 rounded-md bg-zinc-50 px-2.5 py-1.5 break-words whitespace-pre-wrap text-zinc-700 dark:bg-zinc-800/50 dark:text-zinc-300">{approval.comment}</p>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function Details({ detail, now }: { detail: PromotionDetailJson; now: Date }) {
  const { promotion } = detail;
  const row = (label: string, value: ReactNode) => (
    <div className="grid grid-cols-[7rem_1fr] gap-2 py-1.5">
      <dt className="text-zinc-500 dark:text-zinc-400">{label}</dt>
      <dd className="min-w-0 break-words text-zinc-900 dark:text-zinc-100">{value}</dd>
    </div>
  );
  return (
    <dl className="divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
      {row("Artifact", <span className="font-mono">{promotion.artifact.version}</span>)}
      {row("Image", <span className="font-mono text-xs break-all">{promotion.artifact.image}</span>)}
      {row("Git commit", <code className="font-mono text-xs" title={promotion.artifact.gitSha}>{promotion.artifact.gitSha.slice(0, 12)}</code>)}
      {row(
        "Requested by",
        promotion.requestedBy ? (
          <span title={promotion.requestedBy.email}>{promotion.requestedBy.name}</span>
        ) : promotion.requestedVia ? (
          `API token ${promotion.requestedVia.token}`
        ) : (
          "Gantry"
        ),
      )}
      {row("Requested", <RelativeTime date={new Date(promotion.createdAt)} now={now} />)}
      {promotion.reason && row("Reason", <span className="whitespace-pre-wrap">{promotion.reason}</span>)}
      {promotion.freezeOverrideReason && row("Freeze override", <span className="whitespace-pre-wrap">{promotion.freezeOverrideReason}</span>)}
    </dl>
  );
}

/**
 * The promotion page's body. It starts from the server's render and keeps itself current through
 * react-query polling of GET /api/v1/promotions/:id until the promotion is over: no reloads.
 */
export function PromotionLive({ initial, analyses, renderedAt }: { initial: PromotionDetailJson; analyses?: AnalysisDetail[]; renderedAt?: string }) {
  const id = initial.promotion.id;
  const query = useQuery({
    queryKey: promotionQueryKey(id),
    queryFn: () => apiSend<PromotionDetailJson>("GET", `/api/v1/promotions/${id}`),
    initialData: initial,
    refetchInterval: (q) => pollInterval(q.state.data?.promotion.status ?? ""),
  });
  const detail = query.data;
  const { promotion, diff, actions } = detail;
  const now = new Date();
  const status = promotion.status as PromotionStatus;
  const rollback = promotion.kind === "Rollback";
  const timeline = buildTimeline(detail);
  const ran = promotion.deployment !== null;
  // Verification follows a rollout: show its section from the moment one is seen, and keep it.
  const [sawRollout, setSawRollout] = useState(false);
  if (!sawRollout && (status === "Deploying" || status === "Verifying")) setSawRollout(true);

  return (
    <div data-promotion-status={status}>
      <nav aria-label="Breadcrumb" className="mb-3 text-sm text-zinc-500 dark:text-zinc-400">
        <ol className="flex flex-wrap items-center gap-1">
          <li>
            <Link href="/promotions" className="hover:text-zinc-900 hover:underline dark:hover:text-zinc-100">
              Promotions
            </Link>
          </li>
          <li aria-hidden>
            <ChevronRight className="size-3.5" />
          </li>
          <li>
            <Link href={`/services/${promotion.service.slug}`} className="hover:text-zinc-900 hover:underline dark:hover:text-zinc-100">
              {promotion.service.name}
            </Link>
          </li>
          <li aria-hidden>
            <ChevronRight className="size-3.5" />
          </li>
          <li aria-current="page">{promotion.environment.name}</li>
        </ol>
      </nav>

      <header className="mb-6 flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="min-w-0">
          <h1 className="text-xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">
            {rollback ? (
              <>
                Roll back {promotion.environment.name} to <span className="font-mono">{promotion.artifact.version}</span>
              </>
            ) : (
              <>
                Promote <span className="font-mono">{promotion.artifact.version}</span> to {promotion.environment.name}
              </>
            )}
          </h1>
          <div className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-2 text-sm text-zinc-500 dark:text-zinc-400">
            <span role="status" aria-live="polite" aria-label={`Status: ${status}`}>
              <PromotionStatusBadge status={status} />
            </span>
            <Badge tone={rollback ? "warning" : "neutral"} icon={rollback ? <RotateCcw aria-hidden /> : undefined}>
              {rollback ? "Rollback" : "Promotion"}
            </Badge>
            {promotion.environment.isProduction && <Badge tone="neutral">production</Badge>}
            <span>
              <Link href={`/services/${promotion.service.slug}`} className="font-medium text-zinc-700 hover:underline dark:text-zinc-300">
                {promotion.service.name}
              </Link>{" "}
              / {promotion.environment.name}
            </span>
            <Digest value={promotion.artifact.imageDigest} />
          </div>
        </div>
        {actions.abort.allowed && (
          <div className="shrink-0">
            <AbortButton promotionId={promotion.id} />
          </div>
        )}
      </header>

      {query.isRefetchError && isLive(status) && (
        <p role="status" className="mb-4 flex items-center gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-500/40 dark:bg-amber-500/10 dark:text-amber-200">
          <WifiOff aria-hidden className="size-4 shrink-0" />
          Live updates paused: {query.error.message}. Retrying…
        </p>
      )}

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <Section id="promotion-status" title={rollback ? "Rollback" : "Status"}>
            <StatusPanel detail={detail} now={now} />
          </Section>
          {!rollback && (sawRollout || (analyses?.length ?? 0) > 0) && (
            <Section id="promotion-verification" title="Verification">
              <PromotionVerification
                promotionId={promotion.id}
                promotionStatus={status}
                promotionKind={promotion.kind}
                initial={analyses}
                renderedAt={renderedAt}
                headingLevel={3}
              />
            </Section>
          )}
          <Section id="promotion-timeline" title="Timeline">
            <PromotionTimeline entries={timeline} now={now} />
          </Section>
          <Section id="promotion-changes" title="Changes">
            <PromotionDiff diff={diff} environment={promotion.environment.name} ran={ran} rollback={rollback} />
          </Section>
        </div>
        <div className="min-w-0 space-y-6">
          <Section
            id="promotion-approvals"
            title="Approvals"
            aside={
              !rollback && detail.policy.requiredApprovals > 0 ? (
                <span className="text-xs text-zinc-500 dark:text-zinc-400">
                  {Math.min(detail.policy.countedApprovals.length, detail.policy.requiredApprovals)} of {detail.policy.requiredApprovals} required
                </span>
              ) : undefined
            }
          >
            <Approvals detail={detail} now={now} />
          </Section>
          <Section id="promotion-details" title="Details">
            <Details detail={detail} now={now} />
          </Section>
        </div>
      </div>
    </div>
  );
}
