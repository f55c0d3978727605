import { ArrowDown, ArrowRight } from "lucide-react";
import type { ReactNode } from "react";
import { cn } from "@/components/ui/cn";
import { shortDigest } from "@/components/ui/format";

export interface ArtifactRef {
  version: string;
  /** `sha256:…` (or a full `repo@sha256:…` image reference). */
  digest: string;
}

function digestOf(value: string) {
  return value.includes("@") ? value.slice(value.indexOf("@") + 1) : value;
}

function Side({ label, artifact, emphasis, testId }: { label: string; artifact: ArtifactRef | null; emphasis?: boolean; testId: string }) {
  return (
    <div
      data-testid={testId}
      className={cn(
        "min-w-0 flex-1 rounded-md border px-3 py-2.5",
        emphasis ? "border-indigo-200 bg-indigo-50/60 dark:border-indigo-500/30 dark:bg-indigo-500/10" : "border-zinc-200 bg-zinc-50 dark:border-zinc-800 dark:bg-zinc-950/40",
      )}
    >
      <p className="text-[11px] font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">{label}</p>
      {artifact ? (
        <>
          <p className="mt-0.5 truncate font-mono text-sm font-semibold text-zinc-900 dark:text-zinc-50" title={artifact.version}>
            {artifact.version}
          </p>
          <p className="truncate font-mono text-xs text-zinc-500 dark:text-zinc-400" title={digestOf(artifact.digest)}>
            <span className="sr-only">digest </span>
            {shortDigest(digestOf(artifact.digest))}
          </p>
        </>
      ) : (
        <p className="mt-0.5 text-sm text-zinc-500 dark:text-zinc-400">Nothing deployed</p>
      )}
    </div>
  );
}

/** "what runs now → what will run", side by side (stacked on phones). */
export function FromTo({ from, to, fromLabel = "Now running", toLabel, caption }: { from: ArtifactRef | null; to: ArtifactRef; fromLabel?: string; toLabel: string; caption?: ReactNode }) {
  return (
    <figure className="my-1">
      <div className="flex flex-col items-stretch gap-1.5 sm:flex-row sm:items-center sm:gap-2">
        <Side label={fromLabel} artifact={from} testId="from" />
        <span aria-hidden className="flex justify-center text-zinc-400 dark:text-zinc-500">
          <ArrowDown className="size-4 sm:hidden" />
          <ArrowRight className="hidden size-4 sm:block" />
        </span>
        <Side label={toLabel} artifact={to} emphasis testId="to" />
      </div>
      {caption && <figcaption className="mt-2 text-xs text-zinc-500 dark:text-zinc-400">{caption}</figcaption>}
    </figure>
  );
}
