import { activeFreeze, type FreezeWindowRule } from "./freeze-windows";
import { formatDuration } from "./format-duration";
import { signatureBlockerMessage, type SignatureStatus } from "./signature";

export type BlockerCode = "approvals" | "rejected" | "upstream" | "soak" | "freeze" | "hold" | "signature";

export interface Blocker {
  code: BlockerCode;
  message: string;
  /** When the blocker lifts by itself (soak, freeze). */
  until?: Date;
}

export interface ApprovalRecord {
  userId: string;
  email: string;
  decision: "Approve" | "Reject";
}

export interface PolicyInput {
  now: Date;
  kind: "Promotion" | "Rollback";
  environment: {
    label: string; // "payments-api / prod"
    requiredApprovals: number;
    requireUpstreamSuccess: boolean;
    minSoakMinutes: number;
    heldAt: Date | null;
    holdReason: string | null;
  };
  /** The stage before this one in the pipeline, or null for the first stage. */
  previousEnvironment: { name: string } | null;
  /** When this artifact's latest successful deployment to the previous stage finished. */
  upstreamSucceededAt: Date | null;
  requesterId: string | null;
  commitAuthorEmails: string[];
  approvals: ApprovalRecord[];
  freezeWindows: FreezeWindowRule[];
  freezeOverridden: boolean;
  /** Supply-chain gate: whether the environment requires a trusted signature, and the artifact's signature status against its keys. */
  signature?: { required: boolean; status: SignatureStatus };
}

export interface PolicyResult {
  blockers: Blocker[];
  /** Approvals that count toward the quorum (distinct, not the requester, not an author). */
  countedApprovals: ApprovalRecord[];
  requiredApprovals: number;
  rejected: boolean;
  /** Prerequisites and freeze hold (everything except the quorum). */
  prerequisitesMet: boolean;
  quorumMet: boolean;
}

/** Which approvals count: one per person, never the requester, never an author of the artifact's commits. */
export function countedApprovals(input: Pick<PolicyInput, "approvals" | "requesterId" | "commitAuthorEmails">): ApprovalRecord[] {
  const authors = new Set(input.commitAuthorEmails.map((e) => e.toLowerCase()));
  const seen = new Set<string>();
  return input.approvals.filter((a) => {
    if (a.decision !== "Approve" || seen.has(a.userId)) return false;
    if (a.userId === input.requesterId || authors.has(a.email.toLowerCase())) return false;
    seen.add(a.userId);
    return true;
  });
}

/**
 * Every reason a promotion may not run now, each as a sentence a release manager can act on.
 * Rollbacks skip quorum, soak, upstream and freeze (they are the way out of an incident), and the
 * signature gate: a rollback target already ran in this environment, so it was accepted there before.
 */
export function evaluatePromotionPolicy(input: PolicyInput): PolicyResult {
  const blockers: Blocker[] = [];
  const env = input.environment;
  const rejected = input.approvals.some((a) => a.decision === "Reject");
  const counted = countedApprovals(input);
  const rollback = input.kind === "Rollback";

  if (!rollback) {
    if (env.heldAt) {
      blockers.push({ code: "hold", message: `${env.label} is on hold${env.holdReason ? `: ${env.holdReason}` : ""}; clear the hold to promote` });
    }
    const unsigned = input.signature?.required ? signatureBlockerMessage(input.signature.status, env.label) : null;
    if (unsigned) blockers.push({ code: "signature", message: unsigned });
    if (input.previousEnvironment && env.requireUpstreamSuccess && !input.upstreamSucceededAt) {
      blockers.push({ code: "upstream", message: `the artifact has not succeeded in ${input.previousEnvironment.name} yet` });
    }
    if (input.previousEnvironment && input.upstreamSucceededAt && env.minSoakMinutes > 0) {
      const soakedUntil = new Date(input.upstreamSucceededAt.getTime() + env.minSoakMinutes * 60_000);
      if (soakedUntil > input.now) {
        blockers.push({
          code: "soak",
          message: `soak time in ${input.previousEnvironment.name}: ${formatDuration(soakedUntil.getTime() - input.now.getTime())} left`,
          until: soakedUntil,
        });
      }
    }
    const freeze = activeFreeze(input.freezeWindows, input.now);
    if (freeze && !input.freezeOverridden) {
      blockers.push({
        code: "freeze",
        message: `${env.label} is frozen (${freeze.window.reason}) for ${formatDuration(freeze.endsAt.getTime() - input.now.getTime())} more; an admin may override with a reason`,
        until: freeze.endsAt,
      });
    }
    if (rejected) blockers.push({ code: "rejected", message: "the promotion was rejected" });
    const missing = env.requiredApprovals - counted.length;
    if (missing > 0 && !rejected) {
      blockers.push({
        code: "approvals",
        message: `needs ${missing} more approval${missing === 1 ? "" : "s"} from an approver of ${env.label} (not the requester or a commit author)`,
      });
    }
  }

  const prerequisitesMet = !blockers.some((b) => b.code !== "approvals" && b.code !== "rejected");
  return {
    blockers,
    countedApprovals: counted,
    requiredApprovals: rollback ? 0 : env.requiredApprovals,
    rejected,
    prerequisitesMet,
    quorumMet: rollback || (!rejected && counted.length >= env.requiredApprovals),
  };
}
