import { cn } from "./cn";
import { shortDigest } from "./format";

/** A short image digest (as `docker images` shows it); the full digest is in the tooltip. */
export function Digest({ value, className }: { value: string; className?: string }) {
  return (
    <code title={value} className={cn("font-mono text-[0.8em] text-zinc-500 dark:text-zinc-400", className)}>
      {shortDigest(value)}
    </code>
  );
}
