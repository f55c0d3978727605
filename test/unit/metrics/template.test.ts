import { describe, expect, it } from "vitest";
import { DEFAULT_ANALYSIS_TEMPLATE } from "@/lib/metrics/default-template";
import { parsePromQL } from "@/lib/sandbox/metrics/promql/parse-promql";
import { analysisTemplateSchema, escapePromQLString, renderQuery, renderTemplate } from "@/lib/metrics/template";

const target = { service: "checkout", namespace: "shop-prod", environment: "prod" };

describe("analysis templates", () => {
  it("the default template is valid and covers errors, latency, restarts and CPU", () => {
    expect(analysisTemplateSchema.parse(DEFAULT_ANALYSIS_TEMPLATE)).toEqual(DEFAULT_ANALYSIS_TEMPLATE);
    expect(DEFAULT_ANALYSIS_TEMPLATE.metrics.map((m) => [m.name, m.direction, m.critical])).toEqual([
      ["5xx error ratio", "HigherIsWorse", true],
      ["p95 latency", "HigherIsWorse", false],
      ["pod restarts", "HigherIsWorse", false],
      ["CPU per pod", "Either", false],
    ]);
  });

  it("renders every default query into PromQL the sandbox subset accepts", () => {
    const rendered = renderTemplate(DEFAULT_ANALYSIS_TEMPLATE, target);
    for (const metric of rendered.metrics) {
      expect(metric.query).not.toMatch(/\{\{/);
      expect(metric.query).toContain('service="checkout",namespace="shop-prod",environment="prod"');
      expect(() => parsePromQL(metric.query)).not.toThrow();
      expect(metric.queryTemplate).toContain("{{service}}");
    }
    expect(rendered.variables).toEqual(target);
  });

  it("escapes values so they cannot break out of the string literal", () => {
    expect(escapePromQLString('a"b\\c\nd')).toBe('a\\"b\\\\c\\nd');
    const query = renderQuery('up{service="{{ service }}"}', { ...target, service: 'x"} or vector(1) #' });
    expect(query).toBe('up{service="x\\"} or vector(1) #"}');
    expect(parsePromQL(query)).toMatchObject({ type: "selector", matchers: [{}, { name: "service", value: 'x"} or vector(1) #' }] });
  });

  it("fills defaults for optional fields", () => {
    const parsed = analysisTemplateSchema.parse({ metrics: [{ name: "errors", query: "x", direction: "HigherIsWorse", tolerance: 0.2 }] });
    expect(parsed).toEqual({
      version: 1,
      stepSeconds: 15,
      thresholds: { pass: 90, marginal: 60 },
      metrics: [{ name: "errors", query: "x", direction: "HigherIsWorse", tolerance: 0.2, critical: false, minSamples: 8, noData: "Inherit", unit: "none" }],
    });
  });

  it.each([
    [{ metrics: [] }, "metrics"],
    [{ metrics: [{ name: "a", query: "x{s='{{team}}'}", direction: "HigherIsWorse", tolerance: 0.1 }] }, "Unknown placeholder {{team}}"],
    [{ metrics: [{ name: "a", query: "x", direction: "Up", tolerance: 0.1 }] }, "direction"],
    [{ metrics: [{ name: "a", query: "x", direction: "Either", tolerance: -1 }] }, "tolerance"],
    [{ metrics: [{ name: "a", query: "x", direction: "Either", tolerance: 0.1, minSamples: 2 }] }, "minSamples"],
    [{ metrics: [{ name: "a", query: "x", direction: "Either", tolerance: 0.1 }, { name: "a", query: "y", direction: "Either", tolerance: 0.1 }] }, 'Duplicate metric name "a"'],
    [{ thresholds: { pass: 50, marginal: 70 }, metrics: [{ name: "a", query: "x", direction: "Either", tolerance: 0.1 }] }, "pass threshold"],
  ])("rejects an invalid template %#", (template, message) => {
    const result = analysisTemplateSchema.safeParse(template);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("\n")).toContain(message);
  });
});
