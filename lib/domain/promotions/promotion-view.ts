export const promotionInclude = {
  environment: { select: { id: true, name: true, position: true, isProduction: true, requiredApprovals: true, service: { select: { id: true, slug: true, name: true } } } },
  artifact: { select: { id: true, version: true, gitSha: true, imageRepository: true, imageDigest: true } },
  requestedBy: { select: { id: true, email: true, name: true } },
  requestedByToken: { select: { id: true, name: true } },
  approvals: { orderBy: { createdAt: "asc" }, select: { id: true, decision: true, comment: true, createdAt: true, user: { select: { id: true, email: true, name: true } } } },
  deployment: { select: { id: true, outcome: true, startedAt: true, finishedAt: true, previousArtifactId: true } },
} as const;

type Row = {
  id: string;
  kind: string;
  status: string;
  reason: string;
  freezeOverrideReason: string | null;
  failureReason: string | null;
  rolloutProgress: unknown;
  createdAt: Date;
  updatedAt: Date;
  approvedAt: Date | null;
  queuedAt: Date | null;
  startedAt: Date | null;
  finishedAt: Date | null;
  environment: { id: string; name: string; position: number; isProduction: boolean; requiredApprovals: number; service: { id: string; slug: string; name: string } };
  artifact: { id: string; version: string; gitSha: string; imageRepository: string; imageDigest: string };
  requestedBy: { id: string; email: string; name: string } | null;
  requestedByToken: { id: string; name: string } | null;
  approvals: { id: string; decision: string; comment: string; createdAt: Date; user: { id: string; email: string; name: string } }[];
  deployment: { id: string; outcome: string; startedAt: Date; finishedAt: Date | null; previousArtifactId: string | null } | null;
};

export function toPromotionView(row: Row) {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    reason: row.reason,
    freezeOverrideReason: row.freezeOverrideReason,
    failureReason: row.failureReason,
    rolloutProgress: row.rolloutProgress,
    service: row.environment.service,
    environment: { id: row.environment.id, name: row.environment.name, isProduction: row.environment.isProduction, requiredApprovals: row.environment.requiredApprovals },
    artifact: { ...row.artifact, image: `${row.artifact.imageRepository}@${row.artifact.imageDigest}` },
    requestedBy: row.requestedBy,
    requestedVia: row.requestedByToken ? { token: row.requestedByToken.name } : null,
    approvals: row.approvals,
    deployment: row.deployment,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    approvedAt: row.approvedAt,
    queuedAt: row.queuedAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}

export type PromotionView = ReturnType<typeof toPromotionView>;
