"use client";

import { X } from "lucide-react";
import { useEffect, useId, useRef, type ReactNode, type RefObject } from "react";
import { createPortal } from "react-dom";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";

const FOCUSABLE = [
  "a[href]",
  "button:not([disabled])",
  "input:not([disabled]):not([type=hidden])",
  "select:not([disabled])",
  "textarea:not([disabled])",
  "[tabindex]:not([tabindex='-1'])",
].join(",");

function focusables(root: HTMLElement) {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE));
}

export interface ModalProps {
  title: ReactNode;
  /** A sentence under the title; also the dialog's accessible description. */
  description?: ReactNode;
  onClose: () => void;
  /** While an action runs the dialog stays put: Escape, the backdrop and the close button do nothing. */
  busy?: boolean;
  /** What gets focus on open (default: the first focusable control). */
  initialFocus?: RefObject<HTMLElement | null>;
  tone?: "default" | "danger";
  icon?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  className?: string;
}

/**
 * A modal dialog: rendered over the page (a sheet from the bottom on phones), labelled by its
 * title, focus kept inside while open (Tab wraps; the rest of the page is inert), Escape or the
 * backdrop closes it, and focus returns to whatever opened it. Mount it to open it.
 */
export function Modal({ title, description, onClose, busy = false, initialFocus, tone = "default", icon, children, footer, className }: ModalProps) {
  const panel = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const closeRef = useRef(onClose);
  const busyRef = useRef(busy);
  useEffect(() => {
    closeRef.current = onClose;
    busyRef.current = busy;
  });

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = panel.current;
    if (!root) return;
    const container = root.closest<HTMLElement>("[data-modal-root]");
    // Everything else on the page is inert while the dialog is open: no clicks, no focus, and
    // screen readers see only the dialog.
    const others = Array.from(document.body.children).filter(
      (el): el is HTMLElement => el instanceof HTMLElement && el !== container && !el.hasAttribute("inert"),
    );
    for (const el of others) el.setAttribute("inert", "");
    const overflow = document.body.style.overflow;
    document.body.style.overflow = "hidden";

    (initialFocus?.current ?? focusables(root)[0] ?? root).focus();

    const keepFocusInside = (event: FocusEvent) => {
      if (event.target instanceof Node && !root.contains(event.target)) (focusables(root)[0] ?? root).focus();
    };
    document.addEventListener("focusin", keepFocusInside);
    return () => {
      document.removeEventListener("focusin", keepFocusInside);
      for (const el of others) el.removeAttribute("inert");
      document.body.style.overflow = overflow;
      if (opener?.isConnected) opener.focus();
    };
    // Runs once per opening: the dialog is mounted to open it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const requestClose = () => {
    if (!busyRef.current) closeRef.current();
  };

  const onKeyDown = (event: React.KeyboardEvent<HTMLDivElement>) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      requestClose();
      return;
    }
    if (event.key !== "Tab" || !panel.current) return;
    const items = focusables(panel.current);
    if (items.length === 0) {
      event.preventDefault();
      return;
    }
    const first = items[0]!;
    const last = items[items.length - 1]!;
    if (event.shiftKey && (document.activeElement === first || document.activeElement === panel.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  return createPortal(
    <div data-modal-root className="fixed inset-0 z-50 flex items-end justify-center sm:items-center sm:p-4">
      <div aria-hidden className="absolute inset-0 bg-zinc-950/50 backdrop-blur-[1px]" onClick={requestClose} />
      <div
        ref={panel}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        className={cn(
          "relative flex max-h-[92dvh] w-full flex-col overflow-hidden rounded-t-xl border border-zinc-200 bg-white text-zinc-900 shadow-2xl outline-none sm:max-w-lg sm:rounded-xl dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100",
          className,
        )}
      >
        <div className="flex items-start gap-3 px-4 pt-4 pb-3 sm:px-5 sm:pt-5">
          {icon && (
            <div
              aria-hidden
              className={cn(
                "flex size-9 shrink-0 items-center justify-center rounded-full [&_svg]:size-[18px]",
                tone === "danger" ? "bg-red-50 text-red-600 dark:bg-red-500/15 dark:text-red-400" : "bg-indigo-50 text-indigo-600 dark:bg-indigo-500/15 dark:text-indigo-300",
              )}
            >
              {icon}
            </div>
          )}
          <div className="min-w-0 flex-1 pt-0.5">
            <h2 id={titleId} className="text-base font-semibold text-zinc-900 dark:text-zinc-50">
              {title}
            </h2>
            {description && (
              <p id={descriptionId} className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
                {description}
              </p>
            )}
          </div>
          <Button variant="ghost" size="icon" aria-label="Close" disabled={busy} onClick={requestClose} className="-mt-1 -mr-2 size-8">
            <X aria-hidden />
          </Button>
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto px-4 pb-4 sm:px-5">{children}</div>
        {footer && (
          <div className="flex flex-col-reverse gap-2 border-t border-zinc-200 bg-zinc-50 px-4 py-3 sm:flex-row sm:justify-end sm:px-5 dark:border-zinc-800 dark:bg-zinc-900/60 [&>button]:w-full sm:[&>button]:w-auto">
            {footer}
          </div>
        )}
      </div>
    </div>,
    document.body,
  );
}
