import { JUDGE_CONFIG } from "./judge/config";
import { judgeMetric, noDataJudgement, type MetricJudgement, type MetricSpec } from "./judge/judge-metric";
import { scoreAnalysis, type NoDataPolicy, type Verdict } from "./judge/score-analysis";
import type { SampleSummary } from "./judge/summary";
import { isMetricsProviderError, type MetricsProvider, type Sample } from "./providers/metrics-provider";
import { renderTemplate, type AnalysisTemplate, type AnalysisTemplateInput, type RenderedMetric, type RenderedTemplate, type TemplateVariables } from "./template";

export type TimeWindow = { start: Date; end: Date };

export type RunAnalysisInput = {
  provider: MetricsProvider;
  template: AnalysisTemplate | AnalysisTemplateInput;
  /** Values for the template's placeholders: the service name, the environment's namespace and name. */
  target: TemplateVariables;
  /** The environment's no-data policy (Environment.noDataPolicy). */
  noDataPolicy: NoDataPolicy;
  /** Pre-release window. */
  baseline: TimeWindow;
  /** Post-release window. */
  canary: TimeWindow;
  signal?: AbortSignal;
};

/** A window summary as stored in AnalysisMetricResult.baselineSummary / canarySummary. */
export type StoredSummary = SampleSummary & {
  /** Unix seconds of each stored sample, aligned with baselineSamples / canarySamples (for charts). */
  sampleTimes: number[];
};

/** One AnalysisMetricResult row, minus id and analysisId. */
export type MetricResultRow = {
  metricName: string;
  query: string;
  direction: MetricJudgement["direction"];
  tolerance: number;
  critical: boolean;
  status: MetricJudgement["status"];
  pValue: number | null;
  /** Relative effect; null when undefined or infinite (a change from a zero baseline: see explanation). */
  effect: number | null;
  baselineSummary: StoredSummary;
  canarySummary: StoredSummary;
  /** Finite samples only, in time order (NaN/±Inf are counted in the summary's `dropped`). */
  baselineSamples: number[];
  canarySamples: number[];
  explanation: string;
};

/** The Analysis row's result fields, minus id, deploymentId, promotionId, createdAt. */
export type AnalysisRow = {
  status: "Completed";
  verdict: Verdict;
  score: number | null;
  summary: string;
  baselineStart: Date;
  baselineEnd: Date;
  canaryStart: Date;
  canaryEnd: Date;
  template: RenderedTemplate;
  finishedAt: Date;
};

export type AnalysisOutcome = {
  analysis: AnalysisRow;
  metrics: MetricResultRow[];
  /** The full judgements (with the Hodges-Lehmann shift, the test used, the reason code). */
  judgements: MetricJudgement[];
  /** Which metrics decided the verdict. */
  decisive: string[];
};

type WindowData = { samples: Sample[]; error?: { failed: boolean; message: string } };

/**
 * Renders the template for the target, fetches both windows of every metric from the provider,
 * judges them and scores the release. Returns rows for Analysis and AnalysisMetricResult; it
 * writes nothing.
 *
 * Errors: a query the server rejects or cannot evaluate, or one that matches nothing, makes
 * that metric NoData with the reason in its explanation (it is a template or data problem the
 * verdict should show). An unreachable, timing-out or unauthorised provider, or one that does
 * not speak the Prometheus API, throws MetricsProviderError: nothing can be judged, and the
 * caller (a durable job) retries or records the analysis as Errored.
 */
export async function runAnalysis(input: RunAnalysisInput): Promise<AnalysisOutcome> {
  const rendered = renderTemplate(input.template, input.target);
  const alpha = rendered.alpha ?? JUDGE_CONFIG.alpha;

  const judgements = await Promise.all(
    rendered.metrics.map(async (metric) => {
      const [baseline, canary] = await Promise.all([
        fetchWindow(input, metric, input.baseline, rendered.stepSeconds),
        fetchWindow(input, metric, input.canary, rendered.stepSeconds),
      ]);
      return { metric, baseline, canary, judgement: judge(metric, baseline, canary, alpha) };
    }),
  );

  const score = scoreAnalysis(
    judgements.map((j) => j.judgement),
    { noDataPolicy: input.noDataPolicy, thresholds: rendered.thresholds },
  );

  return {
    analysis: {
      status: "Completed",
      verdict: score.verdict,
      score: score.score,
      summary: score.summary,
      baselineStart: input.baseline.start,
      baselineEnd: input.baseline.end,
      canaryStart: input.canary.start,
      canaryEnd: input.canary.end,
      template: rendered,
      finishedAt: new Date(),
    },
    metrics: judgements.map(({ metric, baseline, canary, judgement }) => toRow(metric, judgement, baseline, canary)),
    judgements: judgements.map((j) => j.judgement),
    decisive: score.decisive,
  };
}

async function fetchWindow(input: RunAnalysisInput, metric: RenderedMetric, window: TimeWindow, stepSeconds: number): Promise<WindowData> {
  try {
    const series = await input.provider.queryRange(metric.query, window.start, window.end, stepSeconds, { signal: input.signal });
    // Templates aggregate to one series; if a query returns several, every series contributes.
    const samples = series.flatMap((s) => s.values).sort((a, b) => a[0] - b[0]);
    return { samples };
  } catch (error) {
    if (isMetricsProviderError(error, "empty_result")) return { samples: [], error: { failed: false, message: "the query matched no series" } };
    if (isMetricsProviderError(error, "bad_query") || isMetricsProviderError(error, "query_failed")) {
      return { samples: [], error: { failed: true, message: error.message } };
    }
    throw error;
  }
}

function judge(metric: RenderedMetric, baseline: WindowData, canary: WindowData, alpha: number): MetricJudgement {
  const spec: MetricSpec = {
    name: metric.name,
    direction: metric.direction,
    tolerance: metric.tolerance,
    critical: metric.critical,
    minSamples: metric.minSamples,
    noData: metric.noData,
    unit: metric.unit,
  };
  const baselineValues = baseline.samples.map((s) => s[1]);
  const canaryValues = canary.samples.map((s) => s[1]);
  const failures: string[] = [];
  if (baseline.error && canary.error && baseline.error.message === canary.error.message) failures.push(`both windows: ${baseline.error.message}`);
  else {
    if (baseline.error) failures.push(`baseline window: ${baseline.error.message}`);
    if (canary.error) failures.push(`canary window: ${canary.error.message}`);
  }
  if (failures.length > 0) {
    return noDataJudgement(spec, `No data for ${metric.name}: ${failures.join("; ")}.`, {
      baseline: baselineValues,
      canary: canaryValues,
      reason: baseline.error?.failed || canary.error?.failed ? "query-failed" : "insufficient-data",
    });
  }
  return judgeMetric(spec, baselineValues, canaryValues, { alpha, minSamples: metric.minSamples, exactMaxSamples: JUDGE_CONFIG.exactMaxSamples });
}

function stored(judged: SampleSummary, window: WindowData): { summary: StoredSummary; samples: number[] } {
  const finite = window.samples.filter((s) => Number.isFinite(s[1]));
  return { summary: { ...judged, sampleTimes: finite.map((s) => s[0]) }, samples: finite.map((s) => s[1]) };
}

function toRow(metric: RenderedMetric, judgement: MetricJudgement, baseline: WindowData, canary: WindowData): MetricResultRow {
  const b = stored(judgement.baseline, baseline);
  const c = stored(judgement.canary, canary);
  return {
    metricName: metric.name,
    query: metric.query,
    direction: metric.direction,
    tolerance: metric.tolerance,
    critical: metric.critical,
    status: judgement.status,
    pValue: judgement.pValue,
    effect: judgement.effect !== null && Number.isFinite(judgement.effect) ? judgement.effect : null,
    baselineSummary: b.summary,
    canarySummary: c.summary,
    baselineSamples: b.samples,
    canarySamples: c.samples,
    explanation: judgement.explanation,
  };
}
