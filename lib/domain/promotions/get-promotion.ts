import { can } from "@/lib/auth/authorize";
import { db } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";
import { findPromotionFor } from "./find-promotion";
import { checkPolicy, currentDeployment } from "./policy-context";
import { promotionInclude, toPromotionView } from "./promotion-view";

/**
 * A promotion with everything its page shows: timeline, approvals, live policy check, rollout
 * progress, the diff to what runs now, and which actions the caller may take (with the reason
 * when they may not).
 */
export async function getPromotion(ctx: DomainContext, promotionId: string) {
  const { promotion: base, resource } = await findPromotionFor(ctx, promotionId, "service:read");
  const [row, timeline, current] = await Promise.all([
    db.promotion.findUniqueOrThrow({ where: { id: promotionId }, include: promotionInclude }),
    db.auditEvent.findMany({
      where: { targetType: "Promotion", targetId: promotionId },
      orderBy: { id: "asc" },
      select: { id: true, occurredAt: true, actorLabel: true, action: true, after: true },
    }),
    currentDeployment(base.environmentId),
  ]);
  const promotion = toPromotionView(row);
  const policy = await checkPolicy({
    kind: base.kind,
    artifactId: base.artifactId,
    environment: base.environment,
    requesterId: base.requestedById,
    promotionId,
    freezeOverridden: Boolean(base.freezeOverrideReason),
  });

  // The diff against what runs now (or, once it has run, against what it replaced).
  const baselineArtifactId = row.deployment?.previousArtifactId ?? (current && current.artifactId !== base.artifactId ? current.artifactId : null);
  const [baseline, target] = await Promise.all([
    baselineArtifactId ? db.artifact.findUnique({ where: { id: baselineArtifactId } }) : null,
    db.artifact.findUniqueOrThrow({ where: { id: base.artifactId }, include: { commits: { orderBy: { committedAt: "desc" } } } }),
  ]);
  const between = baseline
    ? await db.artifact.findMany({
        where: { serviceId: target.serviceId, createdAt: { gt: baseline.createdAt, lte: target.createdAt } },
        orderBy: { createdAt: "desc" },
        include: { commits: { orderBy: { committedAt: "desc" } } },
        take: 200,
      })
    : [target];
  const commits = new Map<string, { sha: string; message: string; author: string; authorEmail: string; time: Date; version: string }>();
  for (const artifact of between) {
    for (const c of artifact.commits) {
      if (!commits.has(c.sha)) commits.set(c.sha, { sha: c.sha, message: c.message, author: c.authorName, authorEmail: c.authorEmail, time: c.committedAt, version: artifact.version });
    }
  }
  const isRequester = ctx.actor.kind !== "system" && base.requestedById === ctx.actor.userId;
  const isAuthor = ctx.actor.kind !== "system" && target.commits.some((c) => c.authorEmail === (ctx.actor as { email: string }).email.toLowerCase());
  const canApprove = can(ctx.actor, "promotion:approve", resource);
  const alreadyDecided = ctx.actor.kind !== "system" && row.approvals.some((a) => a.user.id === (ctx.actor as { userId: string }).userId);
  // Your own request or commits come first: they are why you may not approve whatever your roles.
  const approveBlockedBy = isRequester
    ? "You requested this promotion; approvals must come from someone else"
    : isAuthor
      ? "You authored a commit in this artifact; approvals must come from someone else"
      : !canApprove
        ? "You are not an approver of this environment"
        : alreadyDecided
          ? "You have already decided on this promotion"
          : base.status !== "PendingApproval"
            ? `This promotion is ${base.status}`
            : null;

  return {
    promotion,
    policy: { blockers: policy.blockers, requiredApprovals: policy.requiredApprovals, countedApprovals: policy.countedApprovals.map((a) => a.email), quorumMet: policy.quorumMet },
    timeline: timeline.map((event) => ({ ...event, id: event.id.toString() })),
    diff: {
      from: baseline ? { id: baseline.id, version: baseline.version, image: `${baseline.imageRepository}@${baseline.imageDigest}` } : null,
      to: { id: target.id, version: target.version, image: `${target.imageRepository}@${target.imageDigest}` },
      versionsSkipped: between.filter((a) => a.id !== target.id).map((a) => a.version),
      commits: [...commits.values()],
    },
    actions: {
      approve: { allowed: approveBlockedBy === null, reason: approveBlockedBy },
      abort: {
        allowed: ["PendingApproval", "Approved", "Queued", "Deploying", "Verifying"].includes(base.status) && (can(ctx.actor, "promotion:abort", resource) || (isRequester && ["PendingApproval", "Approved", "Queued"].includes(base.status))),
      },
    },
  };
}

export type PromotionDetail = Awaited<ReturnType<typeof getPromotion>>;
