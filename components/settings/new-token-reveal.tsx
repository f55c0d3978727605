"use client";

import { Check, Copy, TriangleAlert } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";

/** The plaintext of a new token, shown once: only its hash is stored, so it can't be shown again. */
export function NewTokenReveal({ name, token, onDone }: { name: string; token: string; onDone: () => void }) {
  const [copied, setCopied] = useState<"yes" | "failed" | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(token);
      setCopied("yes");
    } catch {
      setCopied("failed");
    }
  }

  return (
    <section
      aria-labelledby="new-token-title"
      className="flex flex-col gap-3 rounded-lg border border-emerald-300 bg-emerald-50 p-4 dark:border-emerald-500/40 dark:bg-emerald-500/10"
    >
      <h3 id="new-token-title" className="text-sm font-semibold text-emerald-900 dark:text-emerald-200">
        Token “{name}” created
      </h3>
      <p className="flex items-start gap-1.5 text-sm text-emerald-900 dark:text-emerald-200">
        <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
        Copy it now and store it somewhere safe (your CI&apos;s secret store). You won&apos;t see it again.
      </p>
      <div className="flex flex-col gap-2 sm:flex-row">
        <label htmlFor="new-token-value" className="sr-only">
          New API token
        </label>
        <input
          id="new-token-value"
          readOnly
          value={token}
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
          className="h-9 min-w-0 flex-1 rounded-md border border-emerald-300 bg-white px-3 font-mono text-sm text-zinc-900 dark:border-emerald-500/40 dark:bg-zinc-950 dark:text-zinc-100"
        />
        <Button onClick={copy} aria-label="Copy token to clipboard">
          {copied === "yes" ? <Check aria-hidden /> : <Copy aria-hidden />}
          {copied === "yes" ? "Copied" : "Copy"}
        </Button>
      </div>
      <p aria-live="polite" className="text-xs text-emerald-900/80 dark:text-emerald-200/80">
        {copied === "failed" ? "The browser refused clipboard access: select the token and copy it by hand." : "Use it as: Authorization: Bearer <token>"}
      </p>
      <div>
        <Button size="sm" variant="ghost" onClick={onDone}>
          I have copied it
        </Button>
      </div>
    </section>
  );
}
