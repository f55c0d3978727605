import { JUDGE_CONFIG, type JudgeConfig } from "./config";
import type { MetricJudgement } from "./judge-metric";

export type NoDataPolicy = "Inconclusive" | "Pass" | "Fail";
export type Verdict = "Pass" | "Marginal" | "Fail" | "Inconclusive";

export type AnalysisScore = {
  verdict: Verdict;
  /** Percentage (0–100) of scored metrics that passed; null when no metric could be scored. */
  score: number | null;
  /** One or two sentences for people: the verdict and why. */
  summary: string;
  /** The metrics that decided the verdict (failed critical ones, failures, missing data). */
  decisive: string[];
};

export type ScoreOptions = {
  /** The environment's no-data policy, used by metrics whose own behaviour is Inherit. */
  noDataPolicy: NoDataPolicy;
  thresholds?: { pass?: number; marginal?: number };
  config?: Pick<JudgeConfig, "passScore" | "marginalScore" | "maxNoDataFraction">;
};

const failed = (j: MetricJudgement) => j.status === "High" || j.status === "Low";
const list = (items: MetricJudgement[]) => items.map((j) => j.name).join(", ");

/**
 * Combines per-metric judgements into the release verdict. In order:
 * 1. a critical metric that is High/Low (or NoData under a Fail policy) fails the release;
 * 2. the score is the share of scored metrics that passed, where scored = metrics with data
 *    plus NoData metrics under a Fail policy (counted as failing); below the marginal
 *    threshold → Fail, since that is evidence of harm and outranks missing data;
 * 3. a NoData metric under an Inconclusive policy, or NoData for more than maxNoDataFraction
 *    of the metrics (unless the environment accepts missing data with policy Pass), makes the
 *    result Inconclusive;
 * 4. otherwise Pass (score ≥ pass threshold) or Marginal (≥ marginal threshold).
 * NoData metrics under a Pass policy are left out of the score.
 */
export function scoreAnalysis(judgements: readonly MetricJudgement[], options: ScoreOptions): AnalysisScore {
  const config = options.config ?? JUDGE_CONFIG;
  const passAt = options.thresholds?.pass ?? config.passScore;
  const marginalAt = options.thresholds?.marginal ?? config.marginalScore;
  const policyOf = (j: MetricJudgement): NoDataPolicy => (j.noData === "Inherit" ? options.noDataPolicy : j.noData);

  const noData = judgements.filter((j) => j.status === "NoData");
  const noDataFailing = noData.filter((j) => policyOf(j) === "Fail");
  const noDataInconclusive = noData.filter((j) => policyOf(j) === "Inconclusive");
  const withData = judgements.filter((j) => j.status !== "NoData");
  const failing = withData.filter(failed);
  const passing = withData.filter((j) => j.status === "Pass");
  const scoredCount = withData.length + noDataFailing.length;
  const score = scoredCount === 0 ? null : (100 * passing.length) / scoredCount;
  const scoreText = score === null ? "" : ` (score ${formatScore(score)})`;
  const tally = `${passing.length} of ${scoredCount} scored metric${scoredCount === 1 ? "" : "s"} passed${scoreText}`;

  const criticalFailures = [...failing, ...noDataFailing].filter((j) => j.critical);
  if (criticalFailures.length > 0) {
    const first = criticalFailures[0]!;
    return {
      verdict: "Fail",
      score,
      summary: `Fail: critical metric ${list(criticalFailures)} ${first.status === "NoData" ? "has no data" : `is ${first.status}`}. ${first.explanation}`,
      decisive: criticalFailures.map((j) => j.name),
    };
  }

  const badOnes = [...failing, ...noDataFailing];
  if (score !== null && score < marginalAt) {
    return { verdict: "Fail", score, summary: `Fail: ${tally}; failing: ${list(badOnes)}.`, decisive: badOnes.map((j) => j.name) };
  }

  if (noDataInconclusive.length > 0) {
    return {
      verdict: "Inconclusive",
      score,
      summary: `Inconclusive: no data for ${list(noDataInconclusive)}${score === null ? "" : `; ${tally}`}.`,
      decisive: noDataInconclusive.map((j) => j.name),
    };
  }
  if (judgements.length > 0 && noData.length / judgements.length > config.maxNoDataFraction && options.noDataPolicy !== "Pass") {
    return {
      verdict: "Inconclusive",
      score,
      summary: `Inconclusive: no data for ${noData.length} of ${judgements.length} metrics (${list(noData)}).`,
      decisive: noData.map((j) => j.name),
    };
  }
  if (score === null) {
    return {
      verdict: "Pass",
      score,
      summary: judgements.length === 0 ? "Pass: the template has no metrics." : `Pass: no metric had data, and missing data is accepted for ${list(noData)}.`,
      decisive: [],
    };
  }
  if (score >= passAt) return { verdict: "Pass", score, summary: `Pass: ${tally}.`, decisive: [] };
  return { verdict: "Marginal", score, summary: `Marginal: ${tally}; failing: ${list(badOnes)}.`, decisive: badOnes.map((j) => j.name) };
}

function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(1);
}
