import { z } from "zod";
import type { PromotionDetail } from "@/lib/domain/promotions/get-promotion";
import type { Jsonify } from "./json";

/** GET /api/v1/promotions/:id, as the browser receives it. */
export type PromotionDetailJson = Jsonify<PromotionDetail>;

/** Still moving: the page keeps polling. */
export const LIVE_STATUSES = ["PendingApproval", "Approved", "Queued", "Deploying", "Verifying"] as const;
export const ROLLING_STATUSES = ["Deploying", "Verifying"] as const;

export function isLive(status: string) {
  return (LIVE_STATUSES as readonly string[]).includes(status);
}

/**
 * How often to ask for news: every second while it is about to run or running (the rollout is
 * what someone is watching), every 5 s while it waits for other people's approvals, never once it
 * is over.
 */
export function pollInterval(status: string): number | false {
  if (!isLive(status)) return false;
  return status === "PendingApproval" ? 5_000 : 1_000;
}

const rolloutProgressSchema = z.object({
  phase: z.enum(["progressing", "succeeded", "failed"]),
  reason: z.string().optional(),
  message: z.string().default(""),
  desired: z.number().int().nonnegative(),
  updated: z.number().int().nonnegative().default(0),
  ready: z.number().int().nonnegative().default(0),
  available: z.number().int().nonnegative().default(0),
  unavailable: z.number().int().nonnegative().default(0),
  image: z.string().optional(),
  crashingPods: z
    .array(z.object({ pod: z.string(), container: z.string(), restartCount: z.number(), reason: z.string().optional() }))
    .default([]),
  at: z.string().optional(),
});

export type RolloutProgressView = z.infer<typeof rolloutProgressSchema>;

// What the worker writes: one entry per cluster of the environment (lib/domain/promotions/execute-promotion.ts).
const fleetProgressSchema = z.object({
  clusters: z.array(
    z.object({
      cluster: z.string(),
      outcome: z.enum(["succeeded", "failed", "error", "stopped"]).optional(),
      message: z.string().default(""),
      progress: rolloutProgressSchema.nullable().catch(null),
    }),
  ),
});

export interface ClusterRolloutView {
  /** null for a rollout stored before environments spanned clusters. */
  cluster: string | null;
  outcome?: "succeeded" | "failed" | "error" | "stopped";
  message: string;
  progress: RolloutProgressView | null;
}

/** Each cluster's rollout as stored (an older single snapshot reads as one unnamed cluster); empty when there is none. */
export function parseClusterRollouts(value: unknown): ClusterRolloutView[] {
  const fleet = fleetProgressSchema.safeParse(value);
  if (fleet.success) return fleet.data.clusters;
  const single = rolloutProgressSchema.safeParse(value);
  return single.success ? [{ cluster: null, message: single.data.message, progress: single.data }] : [];
}

/**
 * The whole fleet's rollout as one snapshot: replicas summed over clusters, failed when any cluster
 * failed, succeeded when all did. Null when no cluster has reported yet.
 */
export function parseRolloutProgress(value: unknown): RolloutProgressView | null {
  const rollouts = parseClusterRollouts(value);
  const reported = rollouts.filter((r): r is ClusterRolloutView & { progress: RolloutProgressView } => r.progress !== null);
  if (reported.length === 0) return null;
  if (rollouts.length === 1) return reported[0]!.progress;
  const failed = rollouts.some((r) => r.outcome === "failed" || r.outcome === "error" || r.progress?.phase === "failed");
  const succeeded = rollouts.every((r) => r.progress?.phase === "succeeded");
  const sum = (key: "desired" | "updated" | "ready" | "available" | "unavailable") => reported.reduce((total, r) => total + r.progress[key], 0);
  const latest = reported.map((r) => r.progress.at).filter((at): at is string => Boolean(at)).sort().at(-1);
  return {
    phase: failed ? "failed" : succeeded ? "succeeded" : "progressing",
    message: rollouts
      .filter((r) => (r.progress?.message || r.message) && r.outcome !== "succeeded" && r.progress?.phase !== "succeeded")
      .map((r) => `${r.cluster}: ${r.progress?.message || r.message}`)
      .join("; "),
    desired: sum("desired"),
    updated: sum("updated"),
    ready: sum("ready"),
    available: sum("available"),
    unavailable: sum("unavailable"),
    crashingPods: reported.flatMap((r) => r.progress.crashingPods),
    ...(latest ? { at: latest } : {}),
  };
}

export type TimelineTone = "neutral" | "info" | "progress" | "success" | "warning" | "danger";

export interface TimelineEntry {
  key: string;
  at: string | null;
  tone: TimelineTone;
  icon: "request" | "approve" | "reject" | "queued" | "deploy" | "success" | "failure" | "abort" | "rollback" | "freeze" | "superseded" | "progress" | "event";
  title: string;
  /** Who did it (a person's name or "Gantry"). */
  actor: string | null;
  /** Free text someone typed (reason, comment): rendered as text. */
  quote?: string;
  detail?: string;
  /** The live row at the end while the rollout runs. */
  current?: boolean;
}

function record(value: unknown): Record<string, unknown> {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

/**
 * The promotion's story, oldest first, from its audit events (who did what, with what comment)
 * plus a live row for a rollout in progress. People appear by name when the page knows it.
 */
export function buildTimeline(detail: PromotionDetailJson): TimelineEntry[] {
  const { promotion } = detail;
  const names = new Map<string, string>();
  if (promotion.requestedBy) names.set(promotion.requestedBy.email.toLowerCase(), promotion.requestedBy.name);
  for (const approval of promotion.approvals) names.set(approval.user.email.toLowerCase(), approval.user.name);
  const who = (label: string | null) => {
    if (!label) return null;
    if (label.startsWith("system:")) return "Gantry";
    const email = label.replace(/\s+\(token .*\)$/, "").toLowerCase();
    const name = names.get(email);
    const viaToken = /\(token (.*)\)$/.exec(label)?.[1];
    return `${name ?? label.replace(/\s+\(token .*\)$/, "")}${viaToken ? ` (API token ${viaToken})` : ""}`;
  };
  const env = promotion.environment.name;
  const version = promotion.artifact.version;

  const entries: TimelineEntry[] = detail.timeline.map((event) => {
    const after = record(event.after);
    const base = { key: event.id, at: event.occurredAt, actor: who(event.actorLabel) };
    switch (event.action) {
      case "promotion.request": {
        const status = text(after.status);
        return {
          ...base,
          tone: "info",
          icon: "request",
          title: `Requested ${version} for ${env}`,
          quote: text(after.reason),
          detail:
            status === "PendingApproval"
              ? `Waiting for ${promotion.environment.requiredApprovals} ${promotion.environment.requiredApprovals === 1 ? "approval" : "approvals"}`
              : status === "Queued"
                ? "No approvals required: queued at once"
                : undefined,
        };
      }
      case "promotion.approve":
        return { ...base, tone: "success", icon: "approve", title: "Approved", quote: text(after.comment) };
      case "promotion.reject":
        return { ...base, tone: "danger", icon: "reject", title: "Rejected", quote: text(after.comment) };
      case "promotion.approved":
        return { ...base, actor: null, tone: "info", icon: "queued", title: "Approval quorum met: queued for deployment" };
      case "promotion.rejected":
        return { ...base, actor: null, tone: "danger", icon: "reject", title: "Promotion rejected" };
      case "promotion.deploying": {
        const replaces = text(after.replaces);
        return { ...base, tone: "progress", icon: "deploy", title: `Deploying to ${env}`, detail: replaces ? `Replacing ${replaces}` : "First deployment here" };
      }
      case "promotion.verifying": {
        const judgeAt = text(after.judgeAt);
        return {
          ...base,
          tone: "progress",
          icon: "progress",
          title: "Rollout complete: verifying metrics",
          detail: judgeAt ? `Comparing before and after; the verdict is due ${new Date(judgeAt).toISOString().slice(11, 16)} UTC` : undefined,
        };
      }
      case "promotion.succeeded":
        return { ...base, tone: "success", icon: "success", title: promotion.kind === "Rollback" ? `Rolled back to ${version}` : `Running in ${env}` };
      case "promotion.failed":
        return { ...base, tone: "danger", icon: "failure", title: "Failed", quote: text(after.reason) };
      case "promotion.abort":
        return { ...base, tone: "neutral", icon: "abort", title: "Aborted", quote: text(after.reason) };
      case "promotion.superseded":
        return { ...base, tone: "neutral", icon: "superseded", title: "Superseded by a newer promotion" };
      case "environment.rollback":
        return { ...base, tone: "warning", icon: "rollback", title: `Rollback to ${version} requested`, quote: text(after.reason), detail: `${env} is on hold until someone clears it` };
      case "freeze.override":
        return { ...base, tone: "warning", icon: "freeze", title: "Promoted through a freeze window", quote: text(after.reason) };
      default:
        return { ...base, tone: "neutral", icon: "event", title: event.action };
    }
  });

  if ((ROLLING_STATUSES as readonly string[]).includes(promotion.status)) {
    const progress = parseRolloutProgress(promotion.rolloutProgress);
    const clusterCount = parseClusterRollouts(promotion.rolloutProgress).length;
    entries.push({
      key: "live",
      at: progress?.at ?? null,
      tone: "progress",
      icon: "progress",
      actor: null,
      title: progress ? `Rolling out: ${Math.min(progress.available, progress.desired)} of ${progress.desired} replicas available${clusterCount > 1 ? ` on ${clusterCount} clusters` : ""}` : "Rolling out",
      detail: progress?.message || undefined,
      current: true,
    });
  } else if (promotion.status === "RolledBack") {
    entries.push({ key: "rolled-back", at: promotion.updatedAt, tone: "warning", icon: "rollback", actor: null, title: `A rollback replaced ${version} in ${env}` });
  }
  return entries;
}
