import type { PromotionStatus } from "@/lib/db/generated/enums";
import { AppError } from "@/lib/http/errors";

/**
 * The promotion lifecycle, in one place:
 * PendingApproval → Approved → Queued → Deploying → Verifying → Succeeded,
 * with exits Rejected, Failed, RolledBack, Aborted, Superseded.
 */
export const TRANSITIONS = {
  PendingApproval: ["Approved", "Rejected", "Aborted", "Superseded"],
  Approved: ["Queued", "Aborted", "Superseded"],
  Queued: ["Deploying", "Aborted", "Superseded"],
  Deploying: ["Verifying", "Succeeded", "Failed", "Aborted"],
  Verifying: ["Succeeded", "Failed", "RolledBack", "Aborted"],
  // A later rollback marks the release it replaced.
  Succeeded: ["RolledBack"],
  Rejected: [],
  Failed: [],
  RolledBack: [],
  Aborted: [],
  Superseded: [],
} as const satisfies Record<PromotionStatus, readonly PromotionStatus[]>;

/** Touching the cluster: at most one per environment (a partial unique index enforces it). */
export const ACTIVE_STATUSES = ["Deploying", "Verifying"] as const satisfies readonly PromotionStatus[];
/** Waiting to run. */
export const OPEN_STATUSES = ["PendingApproval", "Approved", "Queued"] as const satisfies readonly PromotionStatus[];
export const TERMINAL_STATUSES = (Object.keys(TRANSITIONS) as PromotionStatus[]).filter((s) => TRANSITIONS[s].length === 0);

export function canTransition(from: PromotionStatus, to: PromotionStatus): boolean {
  return (TRANSITIONS[from] as readonly PromotionStatus[]).includes(to);
}

export function assertTransition(from: PromotionStatus, to: PromotionStatus): void {
  if (!canTransition(from, to)) {
    throw new AppError("invalid_state", `A promotion that is ${from} cannot become ${to}`, { from, to });
  }
}

export function isActive(status: PromotionStatus) {
  return (ACTIVE_STATUSES as readonly PromotionStatus[]).includes(status);
}

export function isOpen(status: PromotionStatus) {
  return (OPEN_STATUSES as readonly PromotionStatus[]).includes(status);
}
