import { z } from "zod";
import { JUDGE_CONFIG } from "./judge/config";

/** Placeholders a query template may use; each is replaced by the environment's value. */
export const TEMPLATE_PLACEHOLDERS = ["service", "namespace", "environment"] as const;
export type TemplateVariables = Record<(typeof TEMPLATE_PLACEHOLDERS)[number], string>;

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

function unknownPlaceholders(query: string): string[] {
  return [...query.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => !(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name));
}

export const metricTemplateSchema = z.object({
  name: z.string().trim().min(1).max(80),
  query: z
    .string()
    .trim()
    .min(1)
    .max(4000)
    .superRefine((query, ctx) => {
      const unknown = unknownPlaceholders(query);
      if (unknown.length > 0) {
        ctx.addIssue({
          code: "custom",
          message: `Unknown placeholder ${unknown.map((u) => `{{${u}}}`).join(", ")}; allowed: ${TEMPLATE_PLACEHOLDERS.map((p) => `{{${p}}}`).join(", ")}`,
        });
      }
    }),
  direction: z.enum(["HigherIsWorse", "LowerIsWorse", "Either"]),
  /** Acceptable relative change in the bad direction (0.1 = 10 % of the baseline median). */
  tolerance: z.number().min(0).max(100),
  /** A critical metric that fails fails the whole release. */
  critical: z.boolean().default(false),
  /** With fewer finite samples than this in either window the metric is NoData. Below 4 the test could never reach p < 0.05. */
  minSamples: z.number().int().min(4).max(100_000).default(JUDGE_CONFIG.minSamples),
  /** What NoData means for this metric; Inherit uses the environment's policy. */
  noData: z.enum(["Inherit", "Inconclusive", "Pass", "Fail"]).default("Inherit"),
  unit: z.enum(["ratio", "seconds", "cores", "count", "none"]).default("none"),
});

export const analysisTemplateSchema = z
  .object({
    version: z.literal(1).default(1),
    /** Resolution of the range queries. */
    stepSeconds: z.number().int().min(1).max(3600).default(15),
    /** Significance level of the Mann-Whitney test; default JUDGE_CONFIG.alpha. */
    alpha: z.number().gt(0).lt(0.5).optional(),
    thresholds: z
      .object({
        pass: z.number().min(0).max(100).default(JUDGE_CONFIG.passScore),
        marginal: z.number().min(0).max(100).default(JUDGE_CONFIG.marginalScore),
      })
      .default({ pass: JUDGE_CONFIG.passScore, marginal: JUDGE_CONFIG.marginalScore })
      .refine((t) => t.pass >= t.marginal, { message: "The pass threshold must not be below the marginal threshold" }),
    metrics: z.array(metricTemplateSchema).min(1).max(50),
  })
  .superRefine((template, ctx) => {
    const seen = new Set<string>();
    template.metrics.forEach((metric, index) => {
      if (seen.has(metric.name)) ctx.addIssue({ code: "custom", path: ["metrics", index, "name"], message: `Duplicate metric name "${metric.name}"` });
      seen.add(metric.name);
    });
  });

export type MetricTemplate = z.output<typeof metricTemplateSchema>;
export type AnalysisTemplate = z.output<typeof analysisTemplateSchema>;
export type AnalysisTemplateInput = z.input<typeof analysisTemplateSchema>;

export type RenderedMetric = MetricTemplate & { queryTemplate: string };
export type RenderedTemplate = Omit<AnalysisTemplate, "metrics"> & { variables: TemplateVariables; metrics: RenderedMetric[] };

/** Escapes a value for a double-quoted PromQL string literal. */
export function escapePromQLString(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/**
 * Replaces the placeholders in a query. Values are escaped as PromQL string literals, so they
 * belong inside quotes: `service="{{service}}"` (inside a regex matcher they match literally
 * only when they contain no regex metacharacters).
 */
export function renderQuery(query: string, variables: TemplateVariables): string {
  return query.replace(PLACEHOLDER, (whole, name: string) => {
    if (!(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(name)) throw new Error(`Unknown placeholder ${whole}`);
    return escapePromQLString(variables[name as keyof TemplateVariables]);
  });
}

/** Validates a template (throws ZodError) and renders every query for one environment. */
export function renderTemplate(template: AnalysisTemplateInput | AnalysisTemplate, variables: TemplateVariables): RenderedTemplate {
  const parsed = analysisTemplateSchema.parse(template);
  return {
    ...parsed,
    variables: { ...variables },
    metrics: parsed.metrics.map((metric) => ({ ...metric, queryTemplate: metric.query, query: renderQuery(metric.query, variables) })),
  };
}
