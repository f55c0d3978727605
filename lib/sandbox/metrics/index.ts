export { createInProcessProvider } from "./in-process-provider";
export { renderExposition, EXPOSITION_CONTENT_TYPE } from "./exposition";
export { evaluateAt, evaluateRange, bucketQuantile } from "./promql/evaluate-promql";
export { parsePromQL, PromQLError, type Expr } from "./promql/parse-promql";
export { instantQuery, rangeQuery } from "./query-api";
export { createMetricsModel, DEFAULT_BACKFILL_SECONDS, type MetricsModelOptions, type SeriesCatalog } from "./series-catalog";
export { startSandboxMetrics, type SandboxMetricsOptions, type SandboxMetricsServer } from "./server";
export { dailyCycle, defaultProfile, LATENCY_BUCKETS, TICK_SECONDS, type TrafficProfile } from "./traffic-model";
export {
  NEUTRAL_EFFECT,
  staticWorkloadSource,
  type ImageEffect,
  type SandboxPod,
  type SandboxWorkload,
  type StaticWorkloadSource,
  type WorkloadSource,
} from "./workloads";
