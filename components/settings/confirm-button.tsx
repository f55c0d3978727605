"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";

/**
 * A destructive action in two steps: the first press asks, the second does it. Keeps the question
 * next to the row it concerns (a modal would hide which row that was) and works by keyboard.
 */
export function ConfirmButton({
  label,
  accessibleLabel,
  question,
  confirmLabel,
  pending,
  onConfirm,
}: {
  label: string;
  /** Names the target for screen readers and tests, e.g. "Revoke token ci-deploy". Must contain `label`. */
  accessibleLabel: string;
  question: string;
  confirmLabel: string;
  pending: boolean;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  const root = useRef<HTMLSpanElement>(null);
  const moved = useRef(false);

  // Keep keyboard focus on the control that replaced the one just pressed.
  useEffect(() => {
    if (!moved.current) return;
    const target = asking ? root.current?.querySelector<HTMLButtonElement>("[data-cancel]") : root.current?.querySelector<HTMLButtonElement>("button");
    target?.focus();
  }, [asking]);

  const ask = (value: boolean) => {
    moved.current = true;
    setAsking(value);
  };

  return (
    <span ref={root} className="inline-flex flex-wrap items-center gap-2">
      {asking ? (
        <span role="group" aria-label={question} className="inline-flex flex-wrap items-center gap-2">
          <span className="text-sm whitespace-normal text-zinc-700 dark:text-zinc-300">{question}</span>
          <Button size="sm" variant="danger" disabled={pending} onClick={onConfirm}>
            {pending ? "Working…" : confirmLabel}
          </Button>
          <Button size="sm" variant="ghost" data-cancel disabled={pending} onClick={() => ask(false)}>
            Cancel
          </Button>
        </span>
      ) : (
        <Button size="sm" variant="secondary" aria-label={accessibleLabel} onClick={() => ask(true)}>
          {label}
        </Button>
      )}
    </span>
  );
}
