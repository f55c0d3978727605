import { AppError } from "./errors";

/**
 * Maps database constraint violations to AppErrors with messages a person can act on. Works on
 * Prisma's known request errors and on raw pg errors surfaced through the driver adapter.
 */
const constraintMessages: Record<string, string> = {
  Artifact_serviceId_imageDigest_key: "An artifact with this image digest is already registered for the service",
  Promotion_one_active_per_environment:
    "Another promotion is already deploying or verifying in this environment; wait for it to finish or abort it",
  Promotion_requestedById_idempotencyKey_key: "A promotion with this Idempotency-Key already exists",
  Environment_serviceId_name_key: "The service already has an environment with this name",
  Environment_serviceId_position_key: "The service already has an environment at this position in its pipeline",
  User_email_key: "A user with this email already exists",
  Team_slug_key: "A team with this slug already exists",
  Service_slug_key: "A service with this slug already exists",
  Cluster_name_key: "A cluster with this name already exists",
  Approval_promotionId_userId_key: "You have already recorded a decision on this promotion",
  Incident_fingerprint_key: "An incident with this fingerprint already exists",
};

interface PgLikeError {
  code?: string;
  constraint?: string;
  detail?: string;
  message?: string;
}

function findPgCause(error: unknown): PgLikeError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current && typeof current === "object"; depth++) {
    const candidate = current as PgLikeError & { cause?: unknown; meta?: { driverAdapterError?: { cause?: unknown } } };
    if (typeof candidate.code === "string" && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate;
    current = candidate.meta?.driverAdapterError?.cause ?? candidate.cause;
  }
  return undefined;
}

function constraintFromPrisma(error: unknown): string | undefined {
  const meta = (error as { meta?: Record<string, unknown> }).meta;
  const adapterCause = (meta?.driverAdapterError as { cause?: { constraint?: { index?: string; fields?: string[] } } } | undefined)?.cause;
  if (adapterCause?.constraint?.index) return adapterCause.constraint.index;
  if (typeof meta?.constraint === "string") return meta.constraint;
  if (typeof meta?.target === "string") return meta.target;
  return undefined;
}

export function mapDatabaseError(error: unknown): AppError | undefined {
  if (!error || typeof error !== "object") return undefined;
  const prismaCode = (error as { code?: unknown }).code;
  const pg = findPgCause(error);
  const pgCode = pg?.code;

  const isUnique = prismaCode === "P2002" || pgCode === "23505";
  if (isUnique) {
    const constraint = constraintFromPrisma(error) ?? pg?.constraint;
    const message = (constraint && constraintMessages[constraint]) ?? "This would create a duplicate of an existing record";
    return new AppError("conflict", message, constraint ? { constraint } : undefined);
  }
  if (prismaCode === "P2003" || pgCode === "23503") {
    return new AppError("conflict", "A referenced record does not exist or is still in use", pg?.constraint ? { constraint: pg.constraint } : undefined);
  }
  if (prismaCode === "P2025") return new AppError("not_found", "Record not found");
  if (pgCode === "23514" || prismaCode === "P2004") {
    return new AppError("validation_failed", "The change violates a data rule", pg?.constraint ? { constraint: pg.constraint } : undefined);
  }
  if (pgCode === "40001" || pgCode === "40P01" || prismaCode === "P2034") {
    return new AppError("conflict", "The change conflicted with a concurrent change; retry it");
  }
  return undefined;
}
