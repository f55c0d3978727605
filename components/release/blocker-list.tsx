import { Ban } from "lucide-react";
import { cn } from "@/components/ui/cn";

/**
 * The policy writes blockers to be joined into one sentence ("needs 1 more approval …"); listed,
 * each starts a line, so it gets a capital — unless it starts with a name ("ledger / prod is on hold").
 */
export function sentence(message: string) {
  return /^[a-z]+ (?!\/)/.test(message) ? message.charAt(0).toUpperCase() + message.slice(1) : message;
}

/** Policy blockers as the sentences the server wrote, one per line. */
export function BlockerList({ blockers, className, title }: { blockers: string[]; className?: string; title?: string }) {
  if (blockers.length === 0) return null;
  return (
    <div className={cn("rounded-md border border-amber-300 bg-amber-50 px-3 py-2.5 text-sm text-amber-950 dark:border-amber-500/40 dark:bg-amber-500/10 dark:text-amber-100", className)}>
      {title && <p className="mb-1 font-medium">{title}</p>}
      <ul className="space-y-1">
        {blockers.map((message) => (
          <li key={message} className="flex items-start gap-2">
            <Ban aria-hidden className="mt-0.5 size-3.5 shrink-0 text-amber-600 dark:text-amber-400" />
            <span className="min-w-0 break-words">{sentence(message)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
