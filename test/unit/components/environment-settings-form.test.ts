import { describe, expect, it } from "vitest";
import {
  FORM_LEVEL,
  percentText,
  policyFormOf,
  policyPatch,
  previewQuery,
  sameTemplate,
  targetFormOf,
  targetPatch,
  templateFormOf,
  templateFromForm,
  verificationFormOf,
  verificationPatch,
  type EnvironmentSettingsFields,
} from "@/components/settings/environments/environment-form-model";
import { fieldErrors, formLevelError } from "@/components/settings/environments/field-errors";
import { DEFAULT_ANALYSIS_TEMPLATE } from "@/lib/metrics/default-template";
import { analysisTemplateSchema } from "@/lib/metrics/template";

const ENV: EnvironmentSettingsFields = {
  clusterIds: ["6f1c2b8e-0c55-4b8f-9b7e-2a1d3c4e5f60"],
  namespace: "shop-prod",
  workloadKind: "Deployment",
  workloadName: "shop",
  containerName: "app",
  requiredApprovals: 2,
  requireUpstreamSuccess: true,
  minSoakMinutes: 60,
  autoRollback: true,
  isProduction: true,
  prometheusUrl: null,
  hasPrometheusToken: false,
  verificationMinutes: 10,
  noDataPolicy: "Inconclusive",
};

describe("targetPatch and policyPatch", () => {
  it("send only what changed", () => {
    expect(targetPatch({ ...targetFormOf(ENV), namespace: " shop-live " }, ENV)).toEqual({ ok: true, body: { namespace: "shop-live" } });
    expect(targetPatch({ ...targetFormOf(ENV), clusterIds: [] }, ENV)).toEqual({ ok: true, body: { clusterIds: [] } });
    const west = "0b7d1e2f-3a4b-4c5d-8e6f-7a8b9c0d1e2f";
    expect(targetPatch({ ...targetFormOf(ENV), clusterIds: [...ENV.clusterIds, west] }, ENV)).toEqual({ ok: true, body: { clusterIds: [...ENV.clusterIds, west] } });
    // The same set in another order is no change.
    const both = { ...ENV, clusterIds: [...ENV.clusterIds, west] };
    expect(targetPatch({ ...targetFormOf(both), clusterIds: [west, ...ENV.clusterIds] }, both)).toEqual({ ok: false, errors: { [FORM_LEVEL]: "Nothing changed." } });
    expect(policyPatch({ ...policyFormOf(ENV), minSoakMinutes: "95", autoRollback: false }, ENV)).toEqual({ ok: true, body: { minSoakMinutes: 95, autoRollback: false } });
  });

  it("say so when nothing changed, without a request", () => {
    expect(policyPatch(policyFormOf(ENV), ENV)).toEqual({ ok: false, errors: { [FORM_LEVEL]: "Nothing changed." } });
  });

  it("report unusable numbers and empty names at their field", () => {
    expect(policyPatch({ ...policyFormOf(ENV), minSoakMinutes: "1.5", requiredApprovals: "11" }, ENV)).toEqual({
      ok: false,
      errors: { minSoakMinutes: "Enter a whole number.", requiredApprovals: "Enter a number from 0 to 10." },
    });
    expect(targetPatch({ ...targetFormOf(ENV), workloadName: "  " }, ENV)).toEqual({ ok: false, errors: { workloadName: "Required." } });
  });
});

describe("verificationPatch", () => {
  const own = { ...ENV, prometheusUrl: "https://prom.example.com", hasPrometheusToken: true };

  it("starts with an empty token field: the stored token never reaches the form", () => {
    expect(verificationFormOf(own)).toMatchObject({ useServerDefault: false, prometheusUrl: "https://prom.example.com", token: "", removeToken: false });
    expect(verificationFormOf(ENV).useServerDefault).toBe(true);
  });

  it("sends a new token, a removal, or nothing about the token", () => {
    const form = verificationFormOf(own);
    expect(verificationPatch({ ...form, token: " s3cret " }, own)).toEqual({ ok: true, body: { prometheusToken: "s3cret" } });
    expect(verificationPatch({ ...form, removeToken: true }, own)).toEqual({ ok: true, body: { prometheusToken: null } });
    expect(verificationPatch({ ...form, verificationMinutes: "15" }, own)).toEqual({ ok: true, body: { verificationMinutes: 15 } });
  });

  it("switching to the server default clears the URL (the server forgets the token with it)", () => {
    expect(verificationPatch({ ...verificationFormOf(own), useServerDefault: true, token: "ignored" }, own)).toEqual({ ok: true, body: { prometheusUrl: null } });
  });

  it("needs an http(s) URL for the environment's own Prometheus", () => {
    const form = { ...verificationFormOf(ENV), useServerDefault: false };
    expect(verificationPatch(form, ENV)).toMatchObject({ ok: false, errors: { prometheusUrl: expect.stringMatching(/Enter the Prometheus URL/) } });
    expect(verificationPatch({ ...form, prometheusUrl: "prom:9090" }, ENV)).toMatchObject({ ok: false, errors: { prometheusUrl: "Enter an http:// or https:// URL." } });
    expect(verificationPatch({ ...form, prometheusUrl: "http://prom:9090", noDataPolicy: "Fail" }, ENV)).toEqual({
      ok: true,
      body: { prometheusUrl: "http://prom:9090", noDataPolicy: "Fail" },
    });
  });
});

describe("the template form", () => {
  it("round-trips the default template unchanged through the form", () => {
    const built = templateFromForm(templateFormOf(DEFAULT_ANALYSIS_TEMPLATE));
    expect(built.ok).toBe(true);
    expect(analysisTemplateSchema.parse((built as { template: unknown }).template)).toEqual(DEFAULT_ANALYSIS_TEMPLATE);
  });

  it("shows tolerance as a percent and sends it as a ratio", () => {
    expect(percentText(0.1)).toBe("10");
    expect(percentText(0.075)).toBe("7.5");
    expect(percentText(0.3)).toBe("30");
    const form = templateFormOf(DEFAULT_ANALYSIS_TEMPLATE);
    form.metrics[1]!.tolerancePercent = "12,5";
    const built = templateFromForm(form);
    expect(built.ok && built.template.metrics[1]!.tolerance).toBe(0.125);
  });

  it("reports unparseable numbers under the API's paths", () => {
    const form = templateFormOf(DEFAULT_ANALYSIS_TEMPLATE);
    form.metrics[2]!.tolerancePercent = "ten";
    form.metrics[0]!.minSamples = "3";
    form.passScore = "";
    expect(templateFromForm(form)).toEqual({
      ok: false,
      errors: { "metrics.2.tolerance": "Enter a number.", "metrics.0.minSamples": "Enter a number from 4 to 100000.", "thresholds.pass": "Enter a number." },
    });
  });

  it("gives each initial metric a key that does not depend on render order", () => {
    expect(templateFormOf(DEFAULT_ANALYSIS_TEMPLATE).metrics.map((m) => m.key)).toEqual(templateFormOf(DEFAULT_ANALYSIS_TEMPLATE).metrics.map((m) => m.key));
  });

  it("recognises a stored copy of the default whatever its key order", () => {
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(DEFAULT_ANALYSIS_TEMPLATE).reverse())));
    expect(sameTemplate(reordered, DEFAULT_ANALYSIS_TEMPLATE)).toBe(true);
    const changed = { ...DEFAULT_ANALYSIS_TEMPLATE, metrics: DEFAULT_ANALYSIS_TEMPLATE.metrics.map((m, i) => (i === 0 ? { ...m, tolerance: 0.4 } : m)) };
    expect(sameTemplate(changed, DEFAULT_ANALYSIS_TEMPLATE)).toBe(false);
  });
});

describe("previewQuery", () => {
  const vars = { service: "shop", namespace: "shop-prod", environment: "prod" };
  it("renders the placeholders for the environment, escaped as PromQL strings", () => {
    expect(previewQuery('up{service="{{service}}",ns="{{ namespace }}"}', vars)).toEqual({ ok: true, query: 'up{service="shop",ns="shop-prod"}' });
    expect(previewQuery('up{env="{{environment}}"}', { ...vars, environment: 'we"ird' })).toEqual({ ok: true, query: 'up{env="we\\"ird"}' });
  });
  it("explains a placeholder it does not know", () => {
    expect(previewQuery('up{pod="{{pod}}"}', vars)).toEqual({ ok: false, message: "Unknown placeholder {{pod}}" });
  });
});

describe("fieldErrors", () => {
  const error = {
    code: "validation_failed",
    message: "Invalid request body: …",
    details: [
      { path: "verificationTemplate.metrics.1.name", message: 'Duplicate metric name "x"' },
      { path: "verificationTemplate.metrics.1.name", message: "second message" },
      { path: "verificationMinutes", message: "Too big" },
    ],
  };

  it("keys messages by path under a prefix and keeps the others for the form", () => {
    const placed = fieldErrors(error, { prefix: "verificationTemplate" });
    expect(placed).toEqual({ byPath: { "metrics.1.name": 'Duplicate metric name "x"' }, unplaced: ["verificationMinutes: Too big"] });
    expect(formLevelError(error, placed)).toEqual({ message: "verificationMinutes: Too big" });
  });

  it("points to the fields when every message found one, and passes other errors through", () => {
    const placed = fieldErrors(error);
    expect(placed.unplaced).toEqual([]);
    expect(formLevelError(error, placed)).toEqual({ message: "Some fields need attention: see the messages next to them." });
    const forbidden = { code: "forbidden", message: 'You need the "environment:manage" permission' };
    expect(fieldErrors(forbidden)).toEqual({ byPath: {}, unplaced: [] });
    expect(formLevelError(forbidden, fieldErrors(forbidden))).toEqual({ message: forbidden.message });
  });
});
