import type { PromotionStatus } from "@/lib/db/generated/enums";
import { Badge, type BadgeTone } from "@/components/ui/badge";

/** How each promotion status looks, everywhere in the product. */
export const PROMOTION_STATUS_DISPLAY: Record<PromotionStatus, { label: string; tone: BadgeTone; active?: boolean }> = {
  PendingApproval: { label: "Pending approval", tone: "warning" },
  Approved: { label: "Approved", tone: "info" },
  Queued: { label: "Queued", tone: "info" },
  Deploying: { label: "Deploying", tone: "progress", active: true },
  Verifying: { label: "Verifying", tone: "progress", active: true },
  Succeeded: { label: "Succeeded", tone: "success" },
  Rejected: { label: "Rejected", tone: "danger" },
  Failed: { label: "Failed", tone: "danger" },
  RolledBack: { label: "Rolled back", tone: "warning" },
  Aborted: { label: "Aborted", tone: "neutral" },
  Superseded: { label: "Superseded", tone: "neutral" },
};

export function PromotionStatusBadge({ status, className }: { status: PromotionStatus; className?: string }) {
  const { label, tone, active } = PROMOTION_STATUS_DISPLAY[status];
  return (
    <Badge tone={tone} dot={active ? "pulse" : true} className={className}>
      {label}
    </Badge>
  );
}
