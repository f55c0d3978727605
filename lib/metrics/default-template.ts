import { analysisTemplateSchema, type AnalysisTemplate } from "./template";

const selector = 'service="{{service}}",namespace="{{namespace}}",environment="{{environment}}"';

/**
 * The analysis template an environment gets until someone edits it in Settings. It assumes
 * the usual metric names (an HTTP server's request counter and latency histogram, kube-state-
 * metrics restarts, cAdvisor CPU) carrying service/namespace/environment labels, which is how
 * the sandbox exposes them and what a relabelling rule typically adds in a real cluster.
 *
 * The 5xx ratio is the one critical metric: a release that clearly raises errors must fail
 * outright. A latency or CPU regression alone lowers the score to Marginal (3 of 4), which the
 * promotion engine treats as "a human should look".
 */
export const DEFAULT_ANALYSIS_TEMPLATE: AnalysisTemplate = analysisTemplateSchema.parse({
  version: 1,
  stepSeconds: 15,
  metrics: [
    {
      name: "5xx error ratio",
      query: `sum(rate(http_requests_total{${selector},code=~"5.."}[1m])) / sum(rate(http_requests_total{${selector}}[1m]))`,
      direction: "HigherIsWorse",
      // Error counts are small and Poisson-noisy: only a clear rise (more than +50 %) fails.
      tolerance: 0.5,
      critical: true,
      minSamples: 8,
      noData: "Inherit",
      unit: "ratio",
    },
    {
      name: "p95 latency",
      query: `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{${selector}}[1m])))`,
      direction: "HigherIsWorse",
      tolerance: 0.1,
      critical: false,
      minSamples: 8,
      noData: "Inherit",
      unit: "seconds",
    },
    {
      name: "pod restarts",
      // Over 5 minutes, so that one crash shows in many consecutive samples.
      query: `sum(increase(kube_pod_container_status_restarts_total{${selector}}[5m]))`,
      direction: "HigherIsWorse",
      tolerance: 0.5,
      critical: false,
      minSamples: 8,
      // Many setups have no kube-state-metrics; missing restarts data should not block a release.
      noData: "Pass",
      unit: "count",
    },
    {
      name: "CPU per pod",
      query: `avg(rate(container_cpu_usage_seconds_total{${selector}}[1m]))`,
      // A sharp drop is as suspicious as a rise: a pod that no longer does its work.
      direction: "Either",
      tolerance: 0.3,
      critical: false,
      minSamples: 8,
      noData: "Inherit",
      unit: "cores",
    },
  ],
});
