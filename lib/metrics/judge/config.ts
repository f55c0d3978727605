/**
 * Every threshold the judge uses, in one place. A template may override the score thresholds
 * and the significance level; everything else is fixed here so that verdicts stay comparable
 * across services.
 */
export const JUDGE_CONFIG = {
  /** Two-sided significance level of the Mann-Whitney U test. */
  alpha: 0.05,
  /** Overall score (0–100) at or above which the verdict is Pass. */
  passScore: 90,
  /** Overall score at or above which the verdict is Marginal (below it: Fail). */
  marginalScore: 60,
  /** Default minimum number of finite samples per window before a metric is judged at all. */
  minSamples: 8,
  /**
   * When more than this fraction of the metrics has no data, the analysis is Inconclusive
   * (unless the environment's no-data policy is Pass, or a metric already failed it).
   */
  maxNoDataFraction: 0.5,
  /**
   * The exact null distribution of U is used when there are no ties and both samples are at
   * most this large; beyond that the normal approximation is accurate to well under the
   * significance level and the exact computation grows as (n1·n2)².
   */
  exactMaxSamples: 50,
} as const;

export type JudgeConfig = {
  alpha: number;
  passScore: number;
  marginalScore: number;
  minSamples: number;
  maxNoDataFraction: number;
  exactMaxSamples: number;
};
