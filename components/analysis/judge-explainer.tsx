import { JUDGE_CONFIG } from "@/lib/metrics/judge/config";

const pct = (fraction: number) => `${Math.round(fraction * 100)} %`;

/** How a release is judged, in plain words, with the numbers read from the judge's configuration. */
export function JudgeExplainer({ headingId }: { headingId: string }) {
  const c = JUDGE_CONFIG;
  return (
    <section aria-labelledby={headingId} className="rounded-lg border border-zinc-200 bg-white shadow-xs dark:border-zinc-800 dark:bg-zinc-900">
      <h2 id={headingId} className="border-b border-zinc-200 px-4 py-3 text-sm font-semibold text-zinc-900 dark:border-zinc-800 dark:text-zinc-100">
        How the judge decides
      </h2>
      <div className="px-4 py-4 text-sm text-zinc-700 dark:text-zinc-300">
        <p>
          After a rollout, each metric is measured in a <strong className="font-medium text-zinc-900 dark:text-zinc-100">baseline</strong> window before the deployment and a{" "}
          <strong className="font-medium text-zinc-900 dark:text-zinc-100">canary</strong> window of the same length after it, then compared:
        </p>
        <ol className="mt-3 flex list-decimal flex-col gap-2 pl-5 marker:text-zinc-500">
          <li>
            NaN and infinite samples (a 0/0 ratio without traffic) are dropped. With fewer than the metric’s minimum (default {c.minSamples}) in either window the metric has{" "}
            <em>no data</em>.
          </li>
          <li>
            A two-sided <strong className="font-medium text-zinc-900 dark:text-zinc-100">Mann-Whitney U test</strong> asks whether the canary differs from the baseline at all
            (significant when p &lt; {c.alpha}). It compares ranks, so it assumes nothing about the shape of the data; it is exact for up to {c.exactMaxSamples} samples per window
            without ties.
          </li>
          <li>
            The <strong className="font-medium text-zinc-900 dark:text-zinc-100">effect</strong> is the Hodges-Lehmann shift (the median of all canary − baseline differences)
            relative to the baseline median. A metric is <em>High</em> or <em>Low</em> only when the change is significant <em>and</em> larger than its tolerance in a direction it
            cares about; a significant change the other way is an improvement.
          </li>
          <li>
            A failing <strong className="font-medium text-zinc-900 dark:text-zinc-100">critical</strong> metric fails the release. Otherwise the score is the share of scored
            metrics that passed: <strong className="font-medium text-zinc-900 dark:text-zinc-100">Pass</strong> at {c.passScore} or more,{" "}
            <strong className="font-medium text-zinc-900 dark:text-zinc-100">Marginal</strong> from {c.marginalScore}, <strong className="font-medium text-zinc-900 dark:text-zinc-100">Fail</strong>{" "}
            below. Missing data for more than {pct(c.maxNoDataFraction)} of the metrics, or for one whose policy says so, makes it{" "}
            <strong className="font-medium text-zinc-900 dark:text-zinc-100">Inconclusive</strong>.
          </li>
        </ol>
        <p className="mt-3 text-zinc-600 dark:text-zinc-400">
          A Fail rolls the environment back to the release it replaced when the environment’s policy says so; Marginal and Inconclusive are shown, not acted on. A template may
          override the score thresholds and the significance level.
        </p>
      </div>
    </section>
  );
}
