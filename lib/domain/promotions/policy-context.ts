import { db, type Tx } from "@/lib/db/client";
import { signatureStatus } from "@/lib/domain/artifacts/verify-signature";
import { evaluatePromotionPolicy, type PolicyResult } from "@/lib/policy/evaluate-promotion-policy";

type Reader = Tx | typeof db;

export interface PolicySubject {
  kind: "Promotion" | "Rollback";
  artifactId: string;
  environment: {
    id: string;
    name: string;
    serviceId: string;
    position: number;
    requiredApprovals: number;
    requireUpstreamSuccess: boolean;
    minSoakMinutes: number;
    heldAt: Date | null;
    holdReason: string | null;
    service: { slug: string };
  };
  requesterId: string | null;
  promotionId?: string;
  freezeOverridden: boolean;
}

/** Gathers what the pure policy needs from the database and evaluates it. */
export async function checkPolicy(subject: PolicySubject, reader: Reader = db, now = new Date()): Promise<PolicyResult> {
  const env = subject.environment;
  const [previous, commits, approvals, freezeWindows, signing, artifact] = await Promise.all([
    env.position > 0
      ? reader.environment.findFirst({ where: { serviceId: env.serviceId, position: { lt: env.position } }, orderBy: { position: "desc" }, select: { id: true, name: true } })
      : null,
    reader.artifactCommit.findMany({ where: { artifactId: subject.artifactId }, select: { authorEmail: true } }),
    subject.promotionId
      ? reader.approval.findMany({ where: { promotionId: subject.promotionId }, select: { userId: true, decision: true, user: { select: { email: true } } }, orderBy: { createdAt: "asc" } })
      : [],
    reader.freezeWindow.findMany({ where: { environmentId: env.id } }),
    reader.environment.findUnique({ where: { id: env.id }, select: { requireSignature: true, signingPublicKeys: true } }),
    reader.artifact.findUnique({ where: { id: subject.artifactId }, select: { imageDigest: true, signature: true } }),
  ]);
  const upstream = previous
    ? await reader.deployment.findFirst({
        where: { environmentId: previous.id, artifactId: subject.artifactId, outcome: "Succeeded" },
        orderBy: { finishedAt: "desc" },
        select: { finishedAt: true },
      })
    : null;
  return evaluatePromotionPolicy({
    now,
    kind: subject.kind,
    environment: {
      label: `${env.service.slug} / ${env.name}`,
      requiredApprovals: env.requiredApprovals,
      requireUpstreamSuccess: env.requireUpstreamSuccess,
      minSoakMinutes: env.minSoakMinutes,
      heldAt: env.heldAt,
      holdReason: env.holdReason,
    },
    previousEnvironment: previous ? { name: previous.name } : null,
    upstreamSucceededAt: upstream?.finishedAt ?? null,
    requesterId: subject.requesterId,
    commitAuthorEmails: commits.map((c) => c.authorEmail),
    approvals: approvals.map((a) => ({ userId: a.userId, email: a.user.email, decision: a.decision })),
    freezeWindows,
    freezeOverridden: subject.freezeOverridden,
    signature: {
      required: signing?.requireSignature ?? false,
      status: artifact ? signatureStatus(artifact, signing?.signingPublicKeys ?? []) : { state: "unsigned" },
    },
  });
}

/** What runs in an environment: the artifact of its latest succeeded deployment. */
export async function currentDeployment(environmentId: string, reader: Reader = db) {
  return reader.deployment.findFirst({
    where: { environmentId, outcome: "Succeeded" },
    orderBy: [{ startedAt: "desc" }, { id: "desc" }],
    include: { artifact: true },
  });
}
