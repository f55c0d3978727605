import { describe, expect, it } from "vitest";
import { noDataJudgement, scoreAnalysis, type MetricJudgement, type MetricNoDataBehaviour, type MetricStatus } from "@/lib/metrics/judge";

function judgement(name: string, status: MetricStatus, options: { critical?: boolean; noData?: MetricNoDataBehaviour } = {}): MetricJudgement {
  const spec = { name, direction: "HigherIsWorse" as const, tolerance: 0.1, critical: options.critical ?? false, noData: options.noData ?? "Inherit" };
  if (status === "NoData") return noDataJudgement(spec, `No data for ${name}.`);
  return {
    ...noDataJudgement(spec, ""),
    status,
    reason: status === "Pass" ? "not-significant" : "regression",
    pValue: status === "Pass" ? 0.5 : 0.001,
    effect: status === "Pass" ? 0.01 : status === "High" ? 0.5 : -0.5,
    explanation: `${name} explanation.`,
  };
}

const policy = { noDataPolicy: "Inconclusive" as const };

describe("scoreAnalysis", () => {
  it("passes when every metric passes", () => {
    const r = scoreAnalysis([judgement("a", "Pass"), judgement("b", "Pass"), judgement("c", "Pass"), judgement("d", "Pass")], policy);
    expect(r).toEqual({ verdict: "Pass", score: 100, summary: "Pass: 4 of 4 scored metrics passed (score 100).", decisive: [] });
  });

  it("is Marginal with one of four non-critical metrics failing, Fail with two", () => {
    const one = scoreAnalysis([judgement("a", "High"), judgement("b", "Pass"), judgement("c", "Pass"), judgement("d", "Pass")], policy);
    expect(one).toMatchObject({ verdict: "Marginal", score: 75, decisive: ["a"] });
    expect(one.summary).toBe("Marginal: 3 of 4 scored metrics passed (score 75); failing: a.");
    const two = scoreAnalysis([judgement("a", "High"), judgement("b", "Low"), judgement("c", "Pass"), judgement("d", "Pass")], policy);
    expect(two).toMatchObject({ verdict: "Fail", score: 50, decisive: ["a", "b"] });
  });

  it("fails outright when a critical metric fails, whatever the score", () => {
    const metrics = [judgement("errors", "High", { critical: true }), ...Array.from({ length: 20 }, (_, i) => judgement(`m${i}`, "Pass"))];
    const r = scoreAnalysis(metrics, policy);
    expect(r.verdict).toBe("Fail");
    expect(r.score).toBeCloseTo((100 * 20) / 21, 9);
    expect(r.summary).toBe("Fail: critical metric errors is High. errors explanation.");
    expect(r.decisive).toEqual(["errors"]);
  });

  it("uses the score thresholds given by the template", () => {
    const metrics = [judgement("a", "High"), judgement("b", "Pass"), judgement("c", "Pass"), judgement("d", "Pass")];
    expect(scoreAnalysis(metrics, { ...policy, thresholds: { pass: 75 } }).verdict).toBe("Pass");
    expect(scoreAnalysis(metrics, { ...policy, thresholds: { marginal: 80 } }).verdict).toBe("Fail");
  });

  describe("missing data", () => {
    const three = [judgement("a", "Pass"), judgement("b", "Pass"), judgement("c", "Pass")];

    it("is Inconclusive under the environment's Inconclusive policy", () => {
      const r = scoreAnalysis([...three, judgement("cpu", "NoData")], policy);
      expect(r).toMatchObject({ verdict: "Inconclusive", score: 100, decisive: ["cpu"] });
      expect(r.summary).toBe("Inconclusive: no data for cpu; 3 of 3 scored metrics passed (score 100).");
    });

    it("ignores the metric under a Pass policy", () => {
      expect(scoreAnalysis([...three, judgement("cpu", "NoData")], { noDataPolicy: "Pass" })).toMatchObject({ verdict: "Pass", score: 100 });
    });

    it("counts the metric as failing under a Fail policy", () => {
      expect(scoreAnalysis([...three, judgement("cpu", "NoData")], { noDataPolicy: "Fail" })).toMatchObject({ verdict: "Marginal", score: 75, decisive: ["cpu"] });
      expect(scoreAnalysis([...three, judgement("cpu", "NoData", { critical: true })], { noDataPolicy: "Fail" })).toMatchObject({ verdict: "Fail" });
    });

    it("lets a metric override the environment's policy", () => {
      expect(scoreAnalysis([...three, judgement("restarts", "NoData", { noData: "Pass" })], policy).verdict).toBe("Pass");
      expect(scoreAnalysis([...three, judgement("restarts", "NoData", { noData: "Inconclusive" })], { noDataPolicy: "Pass" }).verdict).toBe("Inconclusive");
      expect(scoreAnalysis([...three, judgement("restarts", "NoData", { noData: "Fail" })], { noDataPolicy: "Pass" }).verdict).toBe("Marginal");
    });

    it("is Inconclusive when most metrics have no data, even if each one is excused", () => {
      const metrics = [judgement("a", "Pass"), ...["b", "c", "d"].map((n) => judgement(n, "NoData", { noData: "Pass" }))];
      const r = scoreAnalysis(metrics, policy);
      expect(r.verdict).toBe("Inconclusive");
      expect(r.summary).toBe("Inconclusive: no data for 3 of 4 metrics (b, c, d).");
      // …unless the environment itself accepts missing data.
      expect(scoreAnalysis(metrics, { noDataPolicy: "Pass" })).toMatchObject({ verdict: "Pass", score: 100 });
    });

    it("prefers evidence of harm over missing data", () => {
      const metrics = [judgement("a", "High"), judgement("b", "High"), judgement("c", "Pass"), judgement("d", "NoData")];
      expect(scoreAnalysis(metrics, policy).verdict).toBe("Fail");
    });

    it("follows the environment's policy when nothing has data", () => {
      const none = [judgement("a", "NoData"), judgement("b", "NoData")];
      expect(scoreAnalysis(none, { noDataPolicy: "Inconclusive" })).toMatchObject({ verdict: "Inconclusive", score: null });
      expect(scoreAnalysis(none, { noDataPolicy: "Pass" })).toMatchObject({ verdict: "Pass", score: null });
      expect(scoreAnalysis(none, { noDataPolicy: "Fail" })).toMatchObject({ verdict: "Fail", score: 0 });
    });
  });
});
