export { DEFAULT_ANALYSIS_TEMPLATE } from "./default-template";
export * from "./judge";
export { isMetricsProviderError, MetricsProviderError, type InstantSample, type MetricsErrorKind, type MetricsProvider, type RangeSeries, type Sample } from "./providers/metrics-provider";
export { createPrometheusProvider, type PrometheusProviderOptions } from "./providers/prometheus-provider";
export { runAnalysis, type AnalysisOutcome, type AnalysisRow, type MetricResultRow, type RunAnalysisInput, type StoredSummary, type TimeWindow } from "./run-analysis";
export {
  analysisTemplateSchema,
  metricTemplateSchema,
  renderQuery,
  renderTemplate,
  TEMPLATE_PLACEHOLDERS,
  type AnalysisTemplate,
  type AnalysisTemplateInput,
  type MetricTemplate,
  type RenderedTemplate,
  type TemplateVariables,
} from "./template";
