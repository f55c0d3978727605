import { z } from "zod";
import type { MetricUnit } from "@/lib/metrics/judge/format";
import { alignSamples, type SamplePoint } from "./chart-series";

// The read model of a release verification, shared by the pages and the API: timestamps are ISO
// strings, so a server render and a later API refetch have exactly the same shape. No database
// access here (client components import these types and the stored-JSON parsers).

export const ANALYSIS_STATUSES = ["Pending", "Running", "Completed", "Errored"] as const;
export const ANALYSIS_VERDICTS = ["Pass", "Marginal", "Fail", "Inconclusive"] as const;
export const METRIC_STATUSES = ["Pass", "High", "Low", "NoData"] as const;
export const METRIC_DIRECTIONS = ["HigherIsWorse", "LowerIsWorse", "Either"] as const;

export type AnalysisStatus = (typeof ANALYSIS_STATUSES)[number];
export type AnalysisVerdict = (typeof ANALYSIS_VERDICTS)[number];
export type MetricStatus = (typeof METRIC_STATUSES)[number];
export type MetricDirection = (typeof METRIC_DIRECTIONS)[number];
export type NoDataBehaviour = "Inherit" | "Inconclusive" | "Pass" | "Fail";

export interface TimeWindowView {
  start: string;
  end: string;
}

export interface WindowSummary {
  /** Finite samples the judge used. */
  n: number;
  /** NaN/±Inf samples discarded (e.g. a 0/0 ratio with no traffic). */
  dropped: number;
  mean: number | null;
  median: number | null;
  p95: number | null;
  min: number | null;
  max: number | null;
}

export interface TemplateMetricView {
  name: string;
  /** The query as rendered for this environment (placeholders filled in). */
  query: string;
  direction: MetricDirection;
  tolerance: number;
  critical: boolean;
  unit: MetricUnit;
  minSamples: number | null;
  noData: NoDataBehaviour;
}

export interface TemplateView {
  stepSeconds: number | null;
  /** The template's significance level, or null for the judge's default. */
  alpha: number | null;
  thresholds: { pass: number; marginal: number } | null;
  metrics: TemplateMetricView[];
}

export interface AnalysisMetricView {
  name: string;
  query: string;
  direction: MetricDirection;
  tolerance: number;
  critical: boolean;
  /** From the analysis's template; "none" when the template does not say. */
  unit: MetricUnit;
  /** Samples required per window before the metric is judged; null when the template does not say. */
  minSamples: number | null;
  noData: NoDataBehaviour;
  status: MetricStatus;
  pValue: number | null;
  /** Relative effect (Hodges-Lehmann shift / |baseline median|); null when undefined or infinite. */
  effect: number | null;
  explanation: string;
  baseline: { summary: WindowSummary; samples: SamplePoint[] };
  canary: { summary: WindowSummary; samples: SamplePoint[] };
}

export interface AnalysisDetail {
  id: string;
  status: AnalysisStatus;
  verdict: AnalysisVerdict | null;
  score: number | null;
  summary: string;
  createdAt: string;
  finishedAt: string | null;
  /** The window before the deployment started. */
  baseline: TimeWindowView;
  /** The window after the rollout finished; the analysis is judged once it has ended. */
  canary: TimeWindowView;
  deployment: { id: string; startedAt: string; finishedAt: string | null; outcome: string; isRollback: boolean };
  promotion: { id: string; kind: string; status: string; failureReason: string | null; finishedAt: string | null } | null;
  /** The rollback that followed a failed verification, when there was one. */
  rollback: { promotionId: string; status: string; toVersion: string } | null;
  service: { slug: string; name: string };
  environment: { id: string; name: string; isProduction: boolean; autoRollback: boolean; noDataPolicy: "Inconclusive" | "Pass" | "Fail" };
  artifact: { id: string; version: string; imageDigest: string };
  /** What the deployment replaced. */
  previousArtifact: { id: string; version: string } | null;
  template: TemplateView;
  metrics: AnalysisMetricView[];
}

export interface AnalysisListItem {
  id: string;
  status: AnalysisStatus;
  verdict: AnalysisVerdict | null;
  score: number | null;
  summary: string;
  createdAt: string;
  finishedAt: string | null;
  canaryEnd: string;
  service: { slug: string; name: string };
  environment: { name: string; isProduction: boolean };
  artifact: { version: string; imageDigest: string };
  promotionId: string | null;
  /** Metrics that failed (High/Low), for the list's "why". */
  failingMetrics: string[];
  metricCount: number;
}

const nullableNumber = z.number().nullable().catch(null);
const summarySchema = z.object({
  n: z.number().int().nonnegative().catch(0),
  dropped: z.number().int().nonnegative().catch(0),
  mean: nullableNumber,
  median: nullableNumber,
  p95: nullableNumber,
  min: nullableNumber,
  max: nullableNumber,
  sampleTimes: z.array(z.number()).catch([]),
});

const EMPTY_SUMMARY = { n: 0, dropped: 0, mean: null, median: null, p95: null, min: null, max: null, sampleTimes: [] as number[] };

/** A stored window summary (AnalysisMetricResult.baselineSummary / canarySummary), tolerant of older or partial rows. */
export function parseStoredSummary(value: unknown): WindowSummary & { sampleTimes: number[] } {
  if (value === null || typeof value !== "object") return { ...EMPTY_SUMMARY };
  const parsed = summarySchema.safeParse({ ...EMPTY_SUMMARY, ...(value as object) });
  return parsed.success ? parsed.data : { ...EMPTY_SUMMARY };
}

const templateMetricSchema = z.object({
  name: z.string(),
  query: z.string().catch(""),
  direction: z.enum(METRIC_DIRECTIONS).catch("HigherIsWorse"),
  tolerance: z.number().catch(0),
  critical: z.boolean().catch(false),
  unit: z.enum(["ratio", "seconds", "cores", "count", "none"]).catch("none"),
  minSamples: z.number().int().nullable().catch(null),
  noData: z.enum(["Inherit", "Inconclusive", "Pass", "Fail"]).catch("Inherit"),
});

const templateSchema = z.object({
  stepSeconds: z.number().nullable().catch(null),
  alpha: z.number().nullable().catch(null),
  thresholds: z.object({ pass: z.number(), marginal: z.number() }).nullable().catch(null),
  metrics: z.array(z.unknown()).catch([]),
});

/**
 * The analysis's template as stored (Analysis.template: the rendered template once judged, the
 * environment's template while pending). Unknown or malformed parts degrade to "not stated"
 * rather than failing the page: the evidence must stay readable whatever the template looked like.
 */
export function parseStoredTemplate(value: unknown): TemplateView {
  const raw = value !== null && typeof value === "object" ? (value as Record<string, unknown>) : {};
  const parsed = templateSchema.parse({ stepSeconds: null, alpha: null, thresholds: null, metrics: [], ...raw });
  const metrics: TemplateMetricView[] = [];
  for (const candidate of parsed.metrics) {
    if (candidate === null || typeof candidate !== "object") continue;
    const metric = templateMetricSchema.safeParse({ minSamples: null, ...(candidate as object) });
    if (metric.success) metrics.push(metric.data);
  }
  return { stepSeconds: parsed.stepSeconds, alpha: parsed.alpha, thresholds: parsed.thresholds, metrics };
}

export interface MetricResultRow {
  metricName: string;
  query: string;
  direction: MetricDirection;
  tolerance: number;
  critical: boolean;
  status: MetricStatus;
  pValue: number | null;
  effect: number | null;
  baselineSummary: unknown;
  canarySummary: unknown;
  baselineSamples: number[];
  canarySamples: number[];
  explanation: string;
}

/** One metric result with its unit and no-data behaviour from the template, samples paired with their times. */
export function toMetricView(row: MetricResultRow, template: TemplateView, windows: { baseline: TimeWindowView; canary: TimeWindowView }): AnalysisMetricView {
  const spec = template.metrics.find((m) => m.name === row.metricName);
  const baselineSummary = parseStoredSummary(row.baselineSummary);
  const canarySummary = parseStoredSummary(row.canarySummary);
  const { sampleTimes: baselineTimes, ...baseline } = baselineSummary;
  const { sampleTimes: canaryTimes, ...canary } = canarySummary;
  return {
    name: row.metricName,
    query: row.query,
    direction: row.direction,
    tolerance: row.tolerance,
    critical: row.critical,
    unit: spec?.unit ?? "none",
    minSamples: spec?.minSamples ?? null,
    noData: spec?.noData ?? "Inherit",
    status: row.status,
    pValue: row.pValue,
    effect: row.effect,
    explanation: row.explanation,
    baseline: { summary: baseline, samples: alignSamples(row.baselineSamples, baselineTimes, windows.baseline) },
    canary: { summary: canary, samples: alignSamples(row.canarySamples, canaryTimes, windows.canary) },
  };
}

/** Metric order on the page: failures first, then missing data, then passes; critical before the rest; otherwise the template's order. */
export function sortMetrics(metrics: AnalysisMetricView[], template: TemplateView): AnalysisMetricView[] {
  const rank: Record<MetricStatus, number> = { High: 0, Low: 0, NoData: 1, Pass: 2 };
  const position = (name: string) => {
    const index = template.metrics.findIndex((m) => m.name === name);
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  return [...metrics].sort(
    (a, b) => rank[a.status] - rank[b.status] || Number(b.critical) - Number(a.critical) || position(a.name) - position(b.name) || a.name.localeCompare(b.name),
  );
}
