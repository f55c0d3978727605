export { JUDGE_CONFIG, type JudgeConfig } from "./config";
export { formatPValue, formatPercent, formatValue, type MetricUnit } from "./format";
export { hodgesLehmannShift } from "./hodges-lehmann";
export {
  judgeMetric,
  noDataJudgement,
  type Direction,
  type MetricJudgement,
  type MetricNoDataBehaviour,
  type MetricReason,
  type MetricSpec,
  type MetricStatus,
} from "./judge-metric";
export { mannWhitneyU, type MannWhitneyResult } from "./mann-whitney";
export { normalCdf, normalSurvival } from "./normal";
export { scoreAnalysis, type AnalysisScore, type NoDataPolicy, type ScoreOptions, type Verdict } from "./score-analysis";
export { finiteSamples, quantileSorted, summarize, type SampleSummary } from "./summary";
