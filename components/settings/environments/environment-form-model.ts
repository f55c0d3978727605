import { renderQuery, type AnalysisTemplate, type AnalysisTemplateInput, type TemplateVariables } from "@/lib/metrics/template";

/**
 * The environment settings forms as plain data, and the PATCH bodies they become. Each section
 * (target, policy, verification, template) saves on its own and sends only what changed.
 * Problems found before calling the API use the API's own paths (`metrics.0.tolerance`), so one
 * lookup shows local and server messages in the same place.
 */

export type NoDataPolicy = "Inconclusive" | "Pass" | "Fail";
export type WorkloadKind = "Deployment" | "ArgoRollout";

/** The fields of the settings view the forms start from. */
export interface EnvironmentSettingsFields {
  clusterIds: string[];
  namespace: string;
  workloadKind: WorkloadKind;
  workloadName: string;
  containerName: string;
  requiredApprovals: number;
  requireUpstreamSuccess: boolean;
  minSoakMinutes: number;
  autoRollback: boolean;
  isProduction: boolean;
  prometheusUrl: string | null;
  hasPrometheusToken: boolean;
  verificationMinutes: number;
  noDataPolicy: NoDataPolicy;
}

export type Patch = { ok: true; body: Record<string, unknown> } | { ok: false; errors: Record<string, string> };

const NOTHING_CHANGED = "";

function finish(body: Record<string, unknown>, errors: Record<string, string>): Patch {
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (Object.keys(body).length === 0) return { ok: false, errors: { [NOTHING_CHANGED]: "Nothing changed." } };
  return { ok: true, body };
}

/** A whole number from a text field, or an error message. */
export function wholeNumber(text: string, { min, max }: { min: number; max: number }): number | string {
  const trimmed = text.trim();
  if (!/^-?\d+$/.test(trimmed)) return "Enter a whole number.";
  const value = Number(trimmed);
  if (value < min || value > max) return `Enter a number from ${min} to ${max}.`;
  return value;
}

/** A decimal number from a text field (comma or point), or an error message. */
export function decimalNumber(text: string, { min, max }: { min: number; max: number }): number | string {
  const trimmed = text.trim().replace(",", ".");
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(trimmed)) return "Enter a number.";
  const value = Number(trimmed);
  if (value < min || value > max) return `Enter a number from ${min} to ${max}.`;
  return value;
}

// ── Deployment target ────────────────────────────────────────────────────────────────────────

export interface TargetForm {
  /** The clusters it deploys to (the same workload on each); none = not bound. */
  clusterIds: string[];
  namespace: string;
  workloadKind: WorkloadKind;
  workloadName: string;
  containerName: string;
}

export const targetFormOf = (env: EnvironmentSettingsFields): TargetForm => ({
  clusterIds: [...env.clusterIds],
  namespace: env.namespace,
  workloadKind: env.workloadKind,
  workloadName: env.workloadName,
  containerName: env.containerName,
});

export function targetPatch(form: TargetForm, env: EnvironmentSettingsFields): Patch {
  const body: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  const clusterIds = [...new Set(form.clusterIds)];
  if (clusterIds.length !== env.clusterIds.length || clusterIds.some((id) => !env.clusterIds.includes(id))) body.clusterIds = clusterIds;
  for (const field of ["namespace", "workloadName", "containerName"] as const) {
    const value = form[field].trim();
    if (!value) errors[field] = "Required.";
    else if (value !== env[field]) body[field] = value;
  }
  if (form.workloadKind !== env.workloadKind) body.workloadKind = form.workloadKind;
  return finish(body, errors);
}

// ── Release policy ───────────────────────────────────────────────────────────────────────────

export interface PolicyForm {
  requiredApprovals: string;
  requireUpstreamSuccess: boolean;
  minSoakMinutes: string;
  autoRollback: boolean;
  isProduction: boolean;
}

export const policyFormOf = (env: EnvironmentSettingsFields): PolicyForm => ({
  requiredApprovals: String(env.requiredApprovals),
  requireUpstreamSuccess: env.requireUpstreamSuccess,
  minSoakMinutes: String(env.minSoakMinutes),
  autoRollback: env.autoRollback,
  isProduction: env.isProduction,
});

export const POLICY_LIMITS = { requiredApprovals: { min: 0, max: 10 }, minSoakMinutes: { min: 0, max: 60 * 24 * 30 } } as const;

export function policyPatch(form: PolicyForm, env: EnvironmentSettingsFields): Patch {
  const body: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of ["requiredApprovals", "minSoakMinutes"] as const) {
    const value = wholeNumber(form[field], POLICY_LIMITS[field]);
    if (typeof value === "string") errors[field] = value;
    else if (value !== env[field]) body[field] = value;
  }
  for (const field of ["requireUpstreamSuccess", "autoRollback", "isProduction"] as const) {
    if (form[field] !== env[field]) body[field] = form[field];
  }
  return finish(body, errors);
}

// ── Verification ─────────────────────────────────────────────────────────────────────────────

export interface VerificationForm {
  useServerDefault: boolean;
  prometheusUrl: string;
  /** Write-only: empty keeps the stored token. */
  token: string;
  removeToken: boolean;
  verificationMinutes: string;
  noDataPolicy: NoDataPolicy;
}

export const verificationFormOf = (env: EnvironmentSettingsFields): VerificationForm => ({
  useServerDefault: env.prometheusUrl === null,
  prometheusUrl: env.prometheusUrl ?? "",
  token: "",
  removeToken: false,
  verificationMinutes: String(env.verificationMinutes),
  noDataPolicy: env.noDataPolicy,
});

export const VERIFICATION_MINUTES = { min: 1, max: 24 * 60 } as const;

export function verificationPatch(form: VerificationForm, env: EnvironmentSettingsFields): Patch {
  const body: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  if (form.useServerDefault) {
    if (env.prometheusUrl !== null) body.prometheusUrl = null;
  } else {
    const url = form.prometheusUrl.trim();
    if (!url) errors.prometheusUrl = "Enter the Prometheus URL, or use the server default.";
    else if (!/^https?:\/\/\S+$/i.test(url)) errors.prometheusUrl = "Enter an http:// or https:// URL.";
    else if (url !== env.prometheusUrl) body.prometheusUrl = url;
    if (form.token.trim()) body.prometheusToken = form.token.trim();
    else if (form.removeToken && env.hasPrometheusToken) body.prometheusToken = null;
  }
  const minutes = wholeNumber(form.verificationMinutes, VERIFICATION_MINUTES);
  if (typeof minutes === "string") errors.verificationMinutes = minutes;
  else if (minutes !== env.verificationMinutes) body.verificationMinutes = minutes;
  if (form.noDataPolicy !== env.noDataPolicy) body.noDataPolicy = form.noDataPolicy;
  return finish(body, errors);
}

// ── Analysis template ────────────────────────────────────────────────────────────────────────

export type Direction = AnalysisTemplate["metrics"][number]["direction"];
export type MetricNoData = AnalysisTemplate["metrics"][number]["noData"];
export type MetricUnit = AnalysisTemplate["metrics"][number]["unit"];

export const DIRECTIONS: { value: Direction; label: string }[] = [
  { value: "HigherIsWorse", label: "Higher is worse" },
  { value: "LowerIsWorse", label: "Lower is worse" },
  { value: "Either", label: "Either direction" },
];
export const METRIC_NO_DATA: { value: MetricNoData; label: string }[] = [
  { value: "Inherit", label: "Inherit" },
  { value: "Inconclusive", label: "Inconclusive" },
  { value: "Pass", label: "Pass" },
  { value: "Fail", label: "Fail" },
];
export const UNITS: { value: MetricUnit; label: string }[] = [
  { value: "ratio", label: "Ratio" },
  { value: "seconds", label: "Seconds" },
  { value: "cores", label: "CPU cores" },
  { value: "count", label: "Count" },
  { value: "none", label: "None" },
];

export interface MetricForm {
  /** Stable React key; not sent. */
  key: string;
  name: string;
  query: string;
  direction: Direction;
  /** Percent in the form (10 = 10 %); the template stores a ratio (0.1). */
  tolerancePercent: string;
  critical: boolean;
  minSamples: string;
  noData: MetricNoData;
  unit: MetricUnit;
}

export interface TemplateForm {
  stepSeconds: string;
  passScore: string;
  marginalScore: string;
  /** Kept as is (not edited here). */
  alpha: number | undefined;
  metrics: MetricForm[];
}

// Keys of metrics added in the browser; the initial ones are numbered by position so that the
// server render and the hydration agree.
let keys = 0;
export const newMetricKey = () => `added-${++keys}`;

/** Percent text without floating-point noise: 0.1 → "10", 0.075 → "7.5". */
export function percentText(ratio: number): string {
  return String(Number((ratio * 100).toFixed(4)));
}

export function metricFormOf(metric: AnalysisTemplate["metrics"][number], key: string = newMetricKey()): MetricForm {
  return {
    key,
    name: metric.name,
    query: metric.query,
    direction: metric.direction,
    tolerancePercent: percentText(metric.tolerance),
    critical: metric.critical,
    minSamples: String(metric.minSamples),
    noData: metric.noData,
    unit: metric.unit,
  };
}

export function templateFormOf(template: AnalysisTemplate): TemplateForm {
  return {
    stepSeconds: String(template.stepSeconds),
    passScore: String(template.thresholds.pass),
    marginalScore: String(template.thresholds.marginal),
    alpha: template.alpha,
    metrics: template.metrics.map((metric, index) => metricFormOf(metric, `initial-${index}`)),
  };
}

export function blankMetric(): MetricForm {
  return {
    key: newMetricKey(),
    name: "",
    query: 'sum(rate(http_requests_total{service="{{service}}",namespace="{{namespace}}",environment="{{environment}}"}[1m]))',
    direction: "HigherIsWorse",
    tolerancePercent: "10",
    critical: false,
    minSamples: "8",
    noData: "Inherit",
    unit: "none",
  };
}

/**
 * The template the API receives. Numbers the browser cannot parse are reported here; everything
 * else (names, placeholders, ranges, duplicates) is the server's zod schema's to judge.
 */
export function templateFromForm(form: TemplateForm): { ok: true; template: AnalysisTemplateInput } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const num = (path: string, value: number | string) => {
    if (typeof value === "string") {
      errors[path] = value;
      return NaN;
    }
    return value;
  };
  const stepSeconds = num("stepSeconds", wholeNumber(form.stepSeconds, { min: 1, max: 3600 }));
  const pass = num("thresholds.pass", decimalNumber(form.passScore, { min: 0, max: 100 }));
  const marginal = num("thresholds.marginal", decimalNumber(form.marginalScore, { min: 0, max: 100 }));
  const metrics = form.metrics.map((m, i) => ({
    name: m.name.trim(),
    query: m.query.trim(),
    direction: m.direction,
    tolerance: num(`metrics.${i}.tolerance`, decimalNumber(m.tolerancePercent, { min: 0, max: 10_000 })) / 100,
    critical: m.critical,
    minSamples: num(`metrics.${i}.minSamples`, wholeNumber(m.minSamples, { min: 4, max: 100_000 })),
    noData: m.noData,
    unit: m.unit,
  }));
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    template: { version: 1, stepSeconds, ...(form.alpha !== undefined ? { alpha: form.alpha } : {}), thresholds: { pass, marginal }, metrics },
  };
}

/** The query as verification will send it for this environment, or why it cannot be rendered. */
export function previewQuery(query: string, variables: TemplateVariables): { ok: true; query: string } | { ok: false; message: string } {
  try {
    return { ok: true, query: renderQuery(query.trim(), variables) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

/** Whether two templates say the same thing (key order differs once a template went through a JSON column). */
export function sameTemplate(a: AnalysisTemplate, b: AnalysisTemplate): boolean {
  return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

/** The key under which "Nothing changed." is reported (not a field). */
export const FORM_LEVEL = NOTHING_CHANGED;
