import { describe, expect, it } from "vitest";
import { parseStoredSummary, parseStoredTemplate, sortMetrics, toMetricView, type MetricResultRow } from "@/lib/domain/analyses/analysis-view";
import { DEFAULT_ANALYSIS_TEMPLATE } from "@/lib/metrics/default-template";
import { renderTemplate } from "@/lib/metrics/template";

const windows = { baseline: { start: "2026-03-14T08:50:00Z", end: "2026-03-14T09:00:00Z" }, canary: { start: "2026-03-14T09:02:00Z", end: "2026-03-14T09:12:00Z" } };
const t = (iso: string) => Date.parse(iso) / 1000;

function row(over: Partial<MetricResultRow> = {}): MetricResultRow {
  return {
    metricName: "p95 latency",
    query: "histogram_quantile(…)",
    direction: "HigherIsWorse",
    tolerance: 0.1,
    critical: false,
    status: "Pass",
    pValue: 0.4,
    effect: 0.01,
    baselineSummary: { n: 2, dropped: 1, mean: 0.15, median: 0.15, p95: 0.2, min: 0.1, max: 0.2, sampleTimes: [t("2026-03-14T08:51:00Z"), t("2026-03-14T08:52:00Z")] },
    canarySummary: { n: 1, dropped: 0, mean: 0.16, median: 0.16, p95: 0.16, min: 0.16, max: 0.16, sampleTimes: [t("2026-03-14T09:05:00Z")] },
    baselineSamples: [0.1, 0.2],
    canarySamples: [0.16],
    explanation: "p95 latency did not change.",
    ...over,
  };
}

describe("stored JSON", () => {
  it("reads a window summary written by the judge, and degrades a damaged one to 'no samples'", () => {
    expect(parseStoredSummary({ n: 3, dropped: 0, mean: 1, median: 1, p95: 2, min: 0, max: 2, sampleTimes: [1, 2, 3] })).toEqual({ n: 3, dropped: 0, mean: 1, median: 1, p95: 2, min: 0, max: 2, sampleTimes: [1, 2, 3] });
    expect(parseStoredSummary(null)).toMatchObject({ n: 0, median: null, sampleTimes: [] });
    expect(parseStoredSummary({ n: "three", median: "x" })).toMatchObject({ n: 0, median: null });
    expect(parseStoredSummary({ n: 2, median: 5 })).toMatchObject({ n: 2, median: 5, sampleTimes: [] });
  });

  it("reads the rendered template the engine stores, and skips what it cannot read", () => {
    const rendered = JSON.parse(JSON.stringify(renderTemplate(DEFAULT_ANALYSIS_TEMPLATE, { service: "payments-api", namespace: "payments", environment: "prod" })));
    const template = parseStoredTemplate(rendered);
    expect(template).toMatchObject({ stepSeconds: 15, alpha: null, thresholds: { pass: 90, marginal: 60 } });
    expect(template.metrics.map((m) => [m.name, m.unit, m.critical])).toEqual(DEFAULT_ANALYSIS_TEMPLATE.metrics.map((m) => [m.name, m.unit, m.critical]));
    expect(template.metrics[0]!.query).toContain('service="payments-api"');
    expect(parseStoredTemplate({ metrics: [null, 7, { name: "x" }] }).metrics).toEqual([{ name: "x", query: "", direction: "HigherIsWorse", tolerance: 0, critical: false, unit: "none", minSamples: null, noData: "Inherit" }]);
    expect(parseStoredTemplate("nonsense")).toEqual({ stepSeconds: null, alpha: null, thresholds: null, metrics: [] });
  });
});

describe("toMetricView", () => {
  const template = parseStoredTemplate(renderTemplate(DEFAULT_ANALYSIS_TEMPLATE, { service: "s", namespace: "n", environment: "e" }));

  it("pairs samples with their times, without the times in the summary, and takes the unit from the template", () => {
    const view = toMetricView(row(), template, windows);
    expect(view.unit).toBe("seconds");
    expect(view.minSamples).toBe(8);
    expect(view.baseline.samples).toEqual([
      [t("2026-03-14T08:51:00Z"), 0.1],
      [t("2026-03-14T08:52:00Z"), 0.2],
    ]);
    expect(view.baseline.summary).toEqual({ n: 2, dropped: 1, mean: 0.15, median: 0.15, p95: 0.2, min: 0.1, max: 0.2 });
    expect(view.canary.samples).toEqual([[t("2026-03-14T09:05:00Z"), 0.16]]);
  });

  it("falls back to no unit for a metric the template does not know", () => {
    expect(toMetricView(row({ metricName: "queue depth" }), template, windows)).toMatchObject({ unit: "none", minSamples: null, noData: "Inherit" });
  });

  it("orders failures first, then missing data, then passes; critical first within each; then the template's order", () => {
    const names = sortMetrics(
      [
        toMetricView(row({ metricName: "CPU per pod", status: "Pass" }), template, windows),
        toMetricView(row({ metricName: "pod restarts", status: "NoData" }), template, windows),
        toMetricView(row({ metricName: "p95 latency", status: "High" }), template, windows),
        toMetricView(row({ metricName: "5xx error ratio", status: "Pass", critical: true }), template, windows),
        toMetricView(row({ metricName: "custom", status: "Low" }), template, windows),
      ],
      template,
    ).map((m) => m.name);
    expect(names).toEqual(["p95 latency", "custom", "pod restarts", "5xx error ratio", "CPU per pod"]);
  });
});
