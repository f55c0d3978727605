import { JUDGE_CONFIG, type JudgeConfig } from "./config";
import { formatPValue, formatPercent, formatValue, type MetricUnit } from "./format";
import { hodgesLehmannShift } from "./hodges-lehmann";
import { mannWhitneyU } from "./mann-whitney";
import { finiteSamples, summarize, type SampleSummary } from "./summary";

export type Direction = "HigherIsWorse" | "LowerIsWorse" | "Either";
export type MetricStatus = "Pass" | "High" | "Low" | "NoData";
/** What a metric without data means; Inherit takes the environment's no-data policy. */
export type MetricNoDataBehaviour = "Inherit" | "Inconclusive" | "Pass" | "Fail";

export type MetricSpec = {
  name: string;
  direction: Direction;
  /** Acceptable relative change in the bad direction, e.g. 0.1 = 10 % of the baseline median. */
  tolerance: number;
  critical?: boolean;
  minSamples?: number;
  noData?: MetricNoDataBehaviour;
  unit?: MetricUnit;
};

export type MetricReason =
  | "insufficient-data" // fewer finite samples than required in a window
  | "query-failed" // the provider could not answer (set by the analysis runner)
  | "not-significant" // the test found no difference at the significance level
  | "within-tolerance" // a real but acceptably small change in the bad direction
  | "improvement" // a real change in the harmless direction
  | "regression"; // a real change in the bad direction beyond the tolerance

export type MetricJudgement = {
  name: string;
  direction: Direction;
  tolerance: number;
  critical: boolean;
  noData: MetricNoDataBehaviour;
  status: MetricStatus;
  reason: MetricReason;
  /** Two-sided Mann-Whitney p-value; null without data. */
  pValue: number | null;
  test: "mann-whitney-exact" | "mann-whitney-normal" | null;
  /** Hodges-Lehmann shift (canary − baseline) in the metric's unit. */
  shift: number | null;
  /**
   * Relative effect: shift / |baseline median|. ±Infinity when the baseline median is 0 and the
   * shift is not (any change from a zero baseline is beyond every relative tolerance).
   */
  effect: number | null;
  baseline: SampleSummary;
  canary: SampleSummary;
  explanation: string;
};

function base(spec: MetricSpec) {
  return {
    name: spec.name,
    direction: spec.direction,
    tolerance: spec.tolerance,
    critical: spec.critical ?? false,
    noData: spec.noData ?? "Inherit",
  };
}

/** A NoData judgement with a caller-supplied reason (e.g. the query failed). */
export function noDataJudgement(
  spec: MetricSpec,
  explanation: string,
  samples: { baseline?: readonly number[]; canary?: readonly number[]; reason?: MetricReason } = {},
): MetricJudgement {
  return {
    ...base(spec),
    status: "NoData",
    reason: samples.reason ?? "insufficient-data",
    pValue: null,
    test: null,
    shift: null,
    effect: null,
    baseline: summarize(samples.baseline ?? []),
    canary: summarize(samples.canary ?? []),
    explanation,
  };
}

function describeShortage(window: string, summary: SampleSummary, min: number): string {
  const dropped = summary.dropped > 0 ? ` (${summary.dropped} NaN/infinite dropped)` : "";
  return `the ${window} window has ${summary.n} sample${summary.n === 1 ? "" : "s"}${dropped}, minimum ${min}`;
}

/**
 * Judges one metric, as Kayenta's Mann-Whitney classifier does: the change is a regression
 * only when it is both statistically significant (two-sided Mann-Whitney U, p < alpha) and
 * practically relevant (relative Hodges-Lehmann shift beyond the tolerance, in a direction
 * the metric cares about). A significant change in the harmless direction passes.
 */
export function judgeMetric(
  spec: MetricSpec,
  baselineRaw: readonly number[],
  canaryRaw: readonly number[],
  config: Pick<JudgeConfig, "alpha" | "minSamples" | "exactMaxSamples"> = JUDGE_CONFIG,
): MetricJudgement {
  const unit = spec.unit ?? "none";
  const min = Math.max(1, spec.minSamples ?? config.minSamples);
  const baselineSummary = summarize(baselineRaw);
  const canarySummary = summarize(canaryRaw);
  const shortages = [
    baselineSummary.n < min ? describeShortage("baseline", baselineSummary, min) : null,
    canarySummary.n < min ? describeShortage("canary", canarySummary, min) : null,
  ].filter((s): s is string => s !== null);
  if (shortages.length > 0) {
    return noDataJudgement(spec, `No data for ${spec.name}: ${shortages.join("; ")}.`, { baseline: baselineRaw, canary: canaryRaw });
  }

  const baseline = finiteSamples(baselineRaw).values;
  const canary = finiteSamples(canaryRaw).values;
  const test = mannWhitneyU(baseline, canary, { exactMaxSamples: config.exactMaxSamples });
  const shift = hodgesLehmannShift(baseline, canary);
  const baselineMedian = baselineSummary.median!;
  const effect = shift === 0 ? 0 : baselineMedian === 0 ? Math.sign(shift) * Infinity : shift / Math.abs(baselineMedian);

  const significant = test.pValue < config.alpha;
  const up = effect > 0;
  const down = effect < 0;
  const badUp = spec.direction !== "LowerIsWorse";
  const badDown = spec.direction !== "HigherIsWorse";

  let status: MetricStatus = "Pass";
  let reason: MetricReason;
  if (!significant) reason = "not-significant";
  else if ((up && !badUp) || (down && !badDown)) reason = "improvement";
  else if (Math.abs(effect) > spec.tolerance) {
    status = up ? "High" : "Low";
    reason = "regression";
  } else reason = "within-tolerance";

  const from = formatValue(baselineMedian, unit);
  const to = formatValue(canarySummary.median, unit);
  const p = formatPValue(test.pValue);
  const tolerance = formatPercent(spec.tolerance);
  const verb = up ? "rose" : down ? "fell" : "did not change";
  const change = !Number.isFinite(effect)
    ? `${spec.name} ${verb} from a zero median to ${to}`
    : up || down
      ? `${spec.name} ${verb} ${formatPercent(effect)} (median ${from} → ${to})`
      : `${spec.name} did not change (median ${from} → ${to})`;

  let explanation: string;
  switch (reason) {
    case "not-significant":
      explanation = `${change}; not statistically significant (${p}, threshold ${config.alpha}).`;
      break;
    case "improvement":
      explanation = `${change}, an improvement (${spec.direction === "HigherIsWorse" ? "higher" : "lower"} is worse for this metric); ${p}.`;
      break;
    case "within-tolerance":
      explanation = `${change}, within the ${tolerance} tolerance; ${p}.`;
      break;
    default:
      explanation = Number.isFinite(effect)
        ? `${change}, ${up ? "above" : "below"} the ${tolerance} tolerance; ${p}.`
        : `${change}, beyond any relative tolerance; ${p}.`;
  }

  return {
    ...base(spec),
    status,
    reason,
    pValue: test.pValue,
    test: test.method === "exact" ? "mann-whitney-exact" : "mann-whitney-normal",
    shift,
    effect,
    baseline: baselineSummary,
    canary: canarySummary,
    explanation,
  };
}
