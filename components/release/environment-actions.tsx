"use client";

import { ArrowRight, Lock, LockOpen, RotateCcw, UserCheck } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Button, buttonClasses } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import type { ArtifactRef } from "./from-to";
import type { StageActions } from "./available-actions";
import { ClearHoldDialog, HoldDialog } from "./hold-dialogs";
import { PromoteDialog } from "./promote-dialog";
import { RollbackDialog } from "./rollback-dialog";

type Open = "promote" | "rollback" | "hold" | "clear" | null;

/** The release buttons of one environment, and the dialog each one opens. */
export function EnvironmentActions({
  service,
  environment,
  current,
  holdReason,
  actions,
  withHold = false,
  className,
}: {
  service: { name: string };
  environment: { id: string; name: string };
  current: ArtifactRef | null;
  holdReason: string | null;
  actions: StageActions;
  /** Hold controls live on the service page; the board shows the hold itself. */
  withHold?: boolean;
  className?: string;
}) {
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const hold = withHold ? actions.hold : null;
  if (!actions.promote && !actions.review && !actions.rollback && !hold) return null;
  return (
    <div className={cn("flex flex-wrap items-center gap-1.5", className)}>
      {actions.review && (
        <Link href={`/promotions/${actions.review.promotionId}`} className={buttonClasses({ variant: "primary", size: "sm", className: "h-7 px-2.5 text-xs" })}>
          <UserCheck aria-hidden className="size-3.5!" />
          Review
        </Link>
      )}
      {actions.promote && (
        <Button size="sm" variant="secondary" className="h-7 px-2.5 text-xs" onClick={() => setOpen("promote")}>
          Promote to {actions.promote.target.name}
          <ArrowRight aria-hidden className="size-3.5!" />
        </Button>
      )}
      {actions.rollback && (
        <Button
          size="sm"
          variant="secondary"
          className="h-7 px-2.5 text-xs text-red-700 hover:bg-red-50 hover:text-red-800 dark:text-red-400 dark:hover:bg-red-500/10 dark:hover:text-red-300"
          onClick={() => setOpen("rollback")}
        >
          <RotateCcw aria-hidden className="size-3.5!" />
          Roll back
        </Button>
      )}
      {hold === "hold" && (
        <Button size="sm" variant="ghost" className="h-7 px-2.5 text-xs" onClick={() => setOpen("hold")}>
          <Lock aria-hidden className="size-3.5!" />
          Hold
        </Button>
      )}
      {hold === "clear" && (
        <Button size="sm" variant="secondary" className="h-7 px-2.5 text-xs" onClick={() => setOpen("clear")}>
          <LockOpen aria-hidden className="size-3.5!" />
          Clear hold
        </Button>
      )}

      {open === "promote" && actions.promote && (
        <PromoteDialog service={service} artifact={actions.promote.artifact} from={environment} target={actions.promote.target} onClose={close} />
      )}
      {open === "rollback" && actions.rollback && (
        <RollbackDialog service={service} environment={environment} current={current} target={actions.rollback.target} onClose={close} />
      )}
      {open === "hold" && <HoldDialog service={service} environment={environment} onClose={close} />}
      {open === "clear" && <ClearHoldDialog service={service} environment={environment} reason={holdReason} onClose={close} />}
    </div>
  );
}
