import { judgeMetric, scoreAnalysis, type MetricJudgement, type Verdict } from "@/lib/metrics/judge";
import type { MetricResultRow, StoredSummary } from "@/lib/metrics/run-analysis";
import type { RenderedMetric, RenderedTemplate } from "@/lib/metrics/template";
import type { Prng } from "./prng";

// Plausible pre/post-release samples for the demo's verification history, judged by the real
// judge (lib/metrics/judge), so stored p-values, effects, explanations and verdicts are exactly
// what a verification run would have produced from these samples.

export interface ServiceBaseline {
  errorRatio: number;
  p95Ms: number;
  cpuCores: number;
}

interface MetricShape {
  digits: number;
  baseline: (rng: Prng) => number;
  canary: (rng: Prng, regressed: boolean) => number;
}

/** Sample generators by the metric's unit (the default template has one metric per unit). */
function shapeFor(metric: RenderedMetric, base: ServiceBaseline): MetricShape {
  switch (metric.unit) {
    case "ratio":
      return {
        digits: 6,
        baseline: (rng) => Math.max(0, rng.normal(base.errorRatio, base.errorRatio * 0.25)),
        canary: (rng, bad) => Math.max(0, rng.normal(base.errorRatio * (bad ? rng.between(3, 7) : rng.between(0.9, 1.1)), base.errorRatio * 0.25)),
      };
    case "seconds": {
      const p95 = base.p95Ms / 1000;
      return {
        digits: 4,
        baseline: (rng) => Math.max(0.001, rng.normal(p95, p95 * 0.05)),
        canary: (rng, bad) => Math.max(0.001, rng.normal(p95 * (bad ? rng.between(1.25, 1.5) : rng.between(0.97, 1.03)), p95 * 0.05)),
      };
    }
    case "cores":
      return {
        digits: 4,
        baseline: (rng) => Math.max(0.001, rng.normal(base.cpuCores, base.cpuCores * 0.08)),
        canary: (rng, bad) => Math.max(0.001, rng.normal(base.cpuCores * (bad ? rng.between(1.5, 1.9) : rng.between(0.96, 1.04)), base.cpuCores * 0.08)),
      };
    case "count":
      // Restarts over a 5-minute window: zero in a healthy release, a crash shows for a while.
      return {
        digits: 0,
        baseline: () => 0,
        canary: (rng, bad) => (bad ? rng.int(1, 3) : 0),
      };
    default:
      return { digits: 4, baseline: (rng) => rng.normal(1, 0.05), canary: (rng) => rng.normal(1, 0.05) };
  }
}

export interface SimulatedAnalysis {
  verdict: Verdict;
  score: number | null;
  summary: string;
  metrics: MetricResultRow[];
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));

function times(start: number, end: number, stepSeconds: number) {
  const out: number[] = [];
  for (let t = Math.ceil(start / 1000); t <= end / 1000; t += stepSeconds) out.push(t);
  return out;
}

/**
 * Samples and judgements for one analysis whose verdict comes out as `want`. Regressed metrics
 * are chosen to fit: Fail = the critical error ratio, Marginal = one non-critical metric.
 */
export function simulateAnalysis(
  rng: Prng,
  input: {
    template: RenderedTemplate;
    base: ServiceBaseline;
    baseline: { start: number; end: number };
    canary: { start: number; end: number };
    want: Exclude<Verdict, "Inconclusive">;
    noDataPolicy: "Inconclusive" | "Pass" | "Fail";
  },
): SimulatedAnalysis {
  const { template } = input;
  const critical = template.metrics.filter((m) => m.critical);
  const optional = template.metrics.filter((m) => !m.critical);
  const regressed = new Set<string>();
  if (input.want === "Fail") {
    for (const metric of critical) regressed.add(metric.name);
    for (const metric of optional) if (rng.chance(0.35)) regressed.add(metric.name);
  } else if (input.want === "Marginal") {
    regressed.add(rng.pick(optional.filter((m) => m.unit !== "count")).name);
  }

  const baselineTimes = times(input.baseline.start, input.baseline.end, template.stepSeconds);
  const canaryTimes = times(input.canary.start, input.canary.end, template.stepSeconds);
  for (let attempt = 0; attempt < 25; attempt++) {
    const judged = template.metrics.map((metric) => {
      const shape = shapeFor(metric, input.base);
      const bad = regressed.has(metric.name);
      const baselineSamples = baselineTimes.map(() => round(shape.baseline(rng), shape.digits));
      const canarySamples = canaryTimes.map(() => round(shape.canary(rng, bad), shape.digits));
      const judgement = judgeMetric(metric, baselineSamples, canarySamples);
      return { metric, judgement, baselineSamples, canarySamples };
    });
    // Noise alone can occasionally flip a metric; draw again rather than store a contradiction.
    const consistent = judged.every(({ metric, judgement }) => (judgement.status === "High" || judgement.status === "Low") === regressed.has(metric.name));
    if (!consistent) continue;
    const score = scoreAnalysis(
      judged.map((j) => j.judgement),
      { noDataPolicy: input.noDataPolicy, thresholds: template.thresholds },
    );
    if (score.verdict !== input.want) continue;
    return {
      verdict: score.verdict,
      score: score.score,
      summary: score.summary,
      metrics: judged.map(({ metric, judgement, baselineSamples, canarySamples }) =>
        toRow(metric, judgement, { samples: baselineSamples, times: baselineTimes }, { samples: canarySamples, times: canaryTimes }),
      ),
    };
  }
  throw new Error(`could not simulate a ${input.want} analysis`);
}

function toRow(
  metric: RenderedMetric,
  judgement: MetricJudgement,
  baseline: { samples: number[]; times: number[] },
  canary: { samples: number[]; times: number[] },
): MetricResultRow {
  const stored = (summary: MetricJudgement["baseline"], window: { times: number[] }): StoredSummary => ({ ...summary, sampleTimes: window.times });
  return {
    metricName: metric.name,
    query: metric.query,
    direction: metric.direction,
    tolerance: metric.tolerance,
    critical: metric.critical,
    status: judgement.status,
    pValue: judgement.pValue,
    effect: judgement.effect !== null && Number.isFinite(judgement.effect) ? judgement.effect : null,
    baselineSummary: stored(judgement.baseline, baseline),
    canarySummary: stored(judgement.canary, canary),
    baselineSamples: baseline.samples,
    canarySamples: canary.samples,
    explanation: judgement.explanation,
  };
}
