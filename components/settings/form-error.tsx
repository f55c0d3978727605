import { AlertCircle } from "lucide-react";
import { cn } from "@/components/ui/cn";

/** An API error shown next to the control that caused it; announced to screen readers. */
export function FormError({ error, className }: { error: { message: string } | null | undefined; className?: string }) {
  if (!error) return null;
  return (
    <p
      role="alert"
      className={cn(
        "flex items-start gap-1.5 rounded-md bg-red-50 px-2.5 py-1.5 text-sm text-red-800 ring-1 ring-red-600/20 ring-inset dark:bg-red-500/10 dark:text-red-300 dark:ring-red-400/30",
        className,
      )}
    >
      <AlertCircle aria-hidden className="mt-0.5 size-4 shrink-0" />
      <span className="min-w-0 break-words">{error.message}</span>
    </p>
  );
}
