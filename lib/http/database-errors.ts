import { AppError } from "./errors";

/**
 * Maps database constraint violations to AppErrors with messages a person can act on. Works on
 * Prisma's known request errors (Prisma 7 with the pg driver adapter puts the Postgres facts in
 * `meta.driverAdapterError.cause`) and on raw `pg` errors (pg-boss, hand-written SQL).
 */
const uniqueMessages: Record<string, string> = {
  Artifact_serviceId_imageDigest_key:
    "An artifact with this image digest is already registered for the service; a digest cannot be registered twice",
  Promotion_one_active_per_environment:
    "Another promotion is already deploying or verifying in this environment; wait for it to finish or abort it",
  Promotion_requestedById_idempotencyKey_key:
    "You already submitted a promotion with this Idempotency-Key; use a new key for a new request",
  Deployment_promotionId_key: "This promotion already has a deployment",
  Environment_serviceId_name_key: "The service already has an environment with this name",
  Environment_serviceId_position_key: "The service already has an environment at this position in its pipeline",
  User_email_key: "A user with this email already exists",
  User_oidcSubject_key: "Another user is already linked to this OIDC identity",
  Team_slug_key: "A team with this slug already exists",
  Service_slug_key: "A service with this slug already exists",
  Cluster_name_key: "A cluster with this name already exists",
  Approval_promotionId_userId_key: "You have already recorded a decision on this promotion",
  ArtifactCommit_artifactId_sha_key: "This commit is already listed on the artifact",
  AnalysisMetricResult_analysisId_metricName_key: "The analysis already has a result for this metric",
  Incident_open_fingerprint_key: "An open incident with this fingerprint already exists",
  TeamMembership_pkey: "The user is already a member of this team",
};

const checkMessages: Record<string, string> = {
  Artifact_digest_format:
    'The image digest must be "sha256:" followed by 64 lowercase hex characters; tags and other digest forms are not accepted',
  RoleBinding_one_subject: "A role binding must grant the role to exactly one subject: a user or a team",
  RoleBinding_at_most_one_scope: "A role binding can have at most one scope: a team, a service or an environment",
  Environment_position_non_negative: "An environment's pipeline position cannot be negative",
  Environment_required_approvals_range: "Required approvals must be between 0 and 10",
  Environment_min_soak_non_negative: "Minimum soak time cannot be negative",
  FreezeWindow_shape:
    "A one-off freeze window needs a start before its end; a weekly one needs a day (0–6), a start minute (0–1439) and a duration of 1 minute to 7 days",
  Deployment_finished_after_start: "A deployment cannot finish before it started",
  Incident_resolved_after_open: "An incident cannot be resolved before it was opened",
};

interface DatabaseFailure {
  /** Postgres SQLSTATE, e.g. 23505. */
  sqlState?: string;
  constraint?: string;
  message?: string;
}

type ErrorLike = {
  code?: unknown;
  severity?: unknown;
  constraint?: unknown;
  message?: unknown;
  cause?: unknown;
  meta?: { driverAdapterError?: { cause?: AdapterCause } };
};

interface AdapterCause {
  originalCode?: string;
  originalMessage?: string;
  code?: string;
  message?: string;
  constraint?: { index?: string; fields?: string[] };
}

const str = (value: unknown) => (typeof value === "string" ? value : undefined);

// Postgres names the constraint in its messages: `... violates check constraint "Name"`.
function constraintInMessage(message: string | undefined) {
  return message?.match(/constraint "((?:[^"]|"")+)"/)?.[1]?.replaceAll('""', '"');
}

/** The Postgres facts behind an error, wherever the driver put them. */
function findDatabaseFailure(error: unknown): DatabaseFailure | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const candidate = current as ErrorLike;
    const adapterCause = candidate.meta?.driverAdapterError?.cause;
    if (adapterCause) {
      const message = adapterCause.originalMessage ?? adapterCause.message;
      return {
        sqlState: adapterCause.originalCode ?? adapterCause.code,
        constraint: adapterCause.constraint?.index ?? constraintInMessage(message),
        message,
      };
    }
    // A pg DatabaseError: Prisma's own codes (P2002…) look like SQLSTATEs, `severity` tells them apart.
    if (typeof candidate.severity === "string" && typeof candidate.code === "string") {
      const message = str(candidate.message);
      return { sqlState: candidate.code, constraint: str(candidate.constraint) ?? constraintInMessage(message), message };
    }
    current = candidate.cause;
  }
  return undefined;
}

function prismaTarget(error: unknown): string | undefined {
  const meta = (error as { meta?: Record<string, unknown> }).meta;
  if (typeof meta?.constraint === "string") return meta.constraint;
  if (typeof meta?.target === "string") return meta.target;
  return undefined;
}

const withConstraint = (constraint: string | undefined) => (constraint ? { constraint } : undefined);

export function mapDatabaseError(error: unknown): AppError | undefined {
  if (!error || typeof error !== "object") return undefined;
  const prismaCode = str((error as { code?: unknown }).code);
  const failure = findDatabaseFailure(error);
  const sqlState = failure?.sqlState;
  const constraint = failure?.constraint ?? prismaTarget(error);

  if (sqlState === "23505" || prismaCode === "P2002") {
    const message = (constraint && uniqueMessages[constraint]) ?? "This would create a duplicate of an existing record";
    return new AppError("conflict", message, withConstraint(constraint));
  }
  if (sqlState === "23503" || prismaCode === "P2003") {
    return new AppError("conflict", "A referenced record does not exist or is still in use", withConstraint(constraint));
  }
  if (sqlState === "23514" || prismaCode === "P2004") {
    const message = (constraint && checkMessages[constraint]) ?? "The change violates a data rule";
    return new AppError("validation_failed", message, withConstraint(constraint));
  }
  if (sqlState === "23502" || prismaCode === "P2011") {
    return new AppError("validation_failed", "A required value is missing");
  }
  if (sqlState === "22001" || prismaCode === "P2000") {
    return new AppError("validation_failed", "A value is too long");
  }
  // Raised by the append-only trigger on AuditEvent.
  if (sqlState === "42501" && failure?.message?.includes("append-only")) {
    return new AppError("forbidden", "The audit trail is append-only: audit events cannot be changed or deleted");
  }
  if (prismaCode === "P2025") return new AppError("not_found", "Record not found");
  if (sqlState === "40001" || sqlState === "40P01" || prismaCode === "P2034") {
    return new AppError("conflict", "The change conflicted with a concurrent change; retry it");
  }
  // P2028: a transaction outlived its timeout (typically waiting on a busy row): nothing was written.
  if (prismaCode === "P2028") return new AppError("unavailable", "Gantry is busy with concurrent changes to the same item; retry in a moment");
  return undefined;
}
