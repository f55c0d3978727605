"use client";

import { GitCommitHorizontal } from "lucide-react";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FromTo } from "./from-to";
import type { PromotionDetailJson } from "./promotion-model";

const INITIAL_COMMITS = 25;

function firstLine(message: string) {
  const line = message.split("\n", 1)[0] ?? "";
  return line.trim() || "(no message)";
}

/** What changes if this promotion runs (or changed, once it ran): versions, image digests, commits. */
export function PromotionDiff({ diff, environment, ran, rollback = false }: { diff: PromotionDetailJson["diff"]; environment: string; ran: boolean; rollback?: boolean }) {
  return (
    <div className="space-y-4">
      <FromTo
        from={diff.from ? { version: diff.from.version, digest: diff.from.image } : null}
        fromLabel={ran ? (rollback ? `Rolled back from` : `Ran before in ${environment}`) : `Runs now in ${environment}`}
        to={{ version: diff.to.version, digest: diff.to.image }}
        toLabel={rollback ? "Rolls back to" : "This release"}
        caption={diff.from ? undefined : `Nothing ran in ${environment} before: this is its first deployment.`}
      />
      <details className="group text-xs text-zinc-500 dark:text-zinc-400">
        <summary className="cursor-pointer select-none hover:text-zinc-700 dark:hover:text-zinc-200">Full image references</summary>
        <dl className="mt-2 space-y-1.5 font-mono break-all">
          {diff.from && (
            <div>
              <dt className="font-sans font-medium text-zinc-600 dark:text-zinc-300">{diff.from.version}</dt>
              <dd>{diff.from.image}</dd>
            </div>
          )}
          <div>
            <dt className="font-sans font-medium text-zinc-600 dark:text-zinc-300">{diff.to.version}</dt>
            <dd>{diff.to.image}</dd>
          </div>
        </dl>
      </details>
      {rollback ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          A rollback returns to an artifact that ran here before: the commits shipped after {diff.to.version} are undone until a new promotion brings
          them back.
        </p>
      ) : (
        <ShippedChanges diff={diff} />
      )}
    </div>
  );
}

function ShippedChanges({ diff }: { diff: PromotionDetailJson["diff"] }) {
  const [showAll, setShowAll] = useState(false);
  const commits = showAll ? diff.commits : diff.commits.slice(0, INITIAL_COMMITS);
  const skipped = diff.versionsSkipped;
  return (
    <>
      {skipped.length > 0 && (
        <div>
          <h3 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
            Versions skipped <span className="font-normal normal-case">({skipped.length})</span>
          </h3>
          <ul className="mt-1.5 flex flex-wrap gap-1.5" aria-label="Versions skipped">
            {skipped.map((version) => (
              <li key={version} className="rounded-md bg-zinc-100 px-1.5 py-0.5 font-mono text-xs text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">
                {version}
              </li>
            ))}
          </ul>
        </div>
      )}
      <div>
        <h3 className="text-xs font-semibold tracking-wide text-zinc-500 uppercase dark:text-zinc-400">
          Commits <span className="font-normal normal-case">({diff.commits.length})</span>
        </h3>
        {diff.commits.length === 0 ? (
          <p className="mt-1.5 text-sm text-zinc-500 dark:text-zinc-400">No commits recorded for this artifact.</p>
        ) : (
          <ul aria-label="Commits" className="mt-1.5 divide-y divide-zinc-100 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
            {commits.map((commit) => (
              <li key={commit.sha} className="flex min-w-0 items-start gap-3 px-3 py-2">
                <GitCommitHorizontal aria-hidden className="mt-0.5 size-4 shrink-0 text-zinc-400" />
                <div className="min-w-0 flex-1">
                  <p className="text-sm break-words text-zinc-900 dark:text-zinc-100" title={commit.message}>
                    {firstLine(commit.message)}
                  </p>
                  <p className="mt-0.5 flex flex-wrap items-center gap-x-2 text-xs text-zinc-500 dark:text-zinc-400">
                    <code className="font-mono" title={commit.sha}>
                      {commit.sha.slice(0, 7)}
                    </code>
                    <span title={commit.authorEmail}>{commit.author}</span>
                    {commit.version !== diff.to.version && <span className="font-mono">in {commit.version}</span>}
                  </p>
                </div>
              </li>
            ))}
          </ul>
        )}
        {diff.commits.length > INITIAL_COMMITS && (
          <Button variant="ghost" size="sm" className="mt-2" onClick={() => setShowAll((v) => !v)}>
            {showAll ? "Show fewer commits" : `Show all ${diff.commits.length} commits`}
          </Button>
        )}
      </div>
    </>
  );
}
