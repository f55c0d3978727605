/**
 * How often does the judge call a release bad, when it is and when it is not?
 *
 *   npx tsx bench/judge-accuracy.ts [--releases N] [--samples N] [--seed S] [--baseline-minutes M] [--canary-minutes M]
 *
 * Part 1 feeds the judge synthetic baseline/canary samples of one metric (several noise
 * shapes, known true changes) and prints the share flagged as a regression.
 * Part 2 simulates whole releases end to end: the sandbox traffic model (Poisson requests and
 * errors, latency histograms, daily cycle) evaluated by the PromQL subset for the default
 * template, run through runAnalysis, at random times of a week. It prints the verdicts, the
 * false-alarm rate on clean releases and the detection rate per injected regression.
 * Benchmarks print; they do not assert.
 */
import { DEFAULT_ANALYSIS_TEMPLATE } from "../lib/metrics/default-template";
import { JUDGE_CONFIG } from "../lib/metrics/judge/config";
import { judgeMetric, type MetricSpec } from "../lib/metrics/judge/judge-metric";
import { runAnalysis } from "../lib/metrics/run-analysis";
import { seededRandom, type Random } from "../lib/metrics/seeded-random";
import { createInProcessProvider } from "../lib/sandbox/metrics/in-process-provider";
import { createMetricsModel } from "../lib/sandbox/metrics/series-catalog";
import { dailyCycle, defaultProfile } from "../lib/sandbox/metrics/traffic-model";
import { staticWorkloadSource, type ImageEffect } from "../lib/sandbox/metrics/workloads";

import { argument, isMain, resultsTable, type BenchResult } from "./support/report";

const SAMPLE_RUNS = argument("samples", 2000);
const RELEASES = argument("releases", 200);
const SEED = argument("seed", 20250602);
const BASELINE_MINUTES = argument("baseline-minutes", 30);
const CANARY_MINUTES = argument("canary-minutes", 10);
/** Issue 7's targets. */
export const FALSE_ALARM_TARGET = 0.02;
export const DETECTION_TARGET = 0.95;

const pct = (x: number) => `${(100 * x).toFixed(1)}%`.padStart(7);
const pad = (s: string, n: number) => s.padEnd(n);

// ---------------------------------------------------------------- part 1: the judge alone

type NoiseModel = { name: string; tolerance: number; generate(random: Random, n: number, change: number, window: "baseline" | "canary"): number[] };

/** Log-normal samples with AR(1) correlation in log space (overlapping rate windows look like this). */
function ar1(random: Random, n: number, median: number, sigma: number, phi: number, drift = 0): number[] {
  const out: number[] = [];
  let x = random.normal() * sigma;
  const innovation = sigma * Math.sqrt(1 - phi * phi);
  for (let i = 0; i < n; i++) {
    x = phi * x + innovation * random.normal();
    out.push(median * Math.exp(x + drift * (i / n)));
  }
  return out;
}

const noiseModels: NoiseModel[] = [
  { name: "iid log-normal, σ 0.10", tolerance: 0.1, generate: (r, n, c) => ar1(r, n, 0.2 * (1 + c), 0.1, 0) },
  { name: "AR(1) φ 0.8, σ 0.10", tolerance: 0.1, generate: (r, n, c) => ar1(r, n, 0.2 * (1 + c), 0.1, 0.8) },
  {
    name: "AR(1) + 4% load drift (canary)",
    tolerance: 0.1,
    generate: (r, n, c, w) => ar1(r, n, 0.2 * (1 + c) * (w === "canary" ? 1.04 : 1), 0.1, 0.8, 0.04),
  },
  {
    name: "iid σ 0.10 + 5% outliers ×3",
    tolerance: 0.1,
    generate: (r, n, c) => ar1(r, n, 0.2 * (1 + c), 0.1, 0).map((v) => (r.next() < 0.05 ? v * 3 : v)),
  },
  {
    name: "error ratio, Poisson (0.5%, 1200 req)",
    tolerance: 0.5,
    generate: (r, n, c) =>
      Array.from({ length: n }, () => {
        const requests = r.poisson(1200);
        return r.poisson(requests * 0.005 * (1 + c)) / requests;
      }),
  },
];

function partOne() {
  const changes = [0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1];
  console.log(`\nPart 1 — the judge on synthetic samples (${SAMPLE_RUNS} pairs per cell; baseline 120 samples, canary 40; α = ${JUDGE_CONFIG.alpha})`);
  console.log("Share of pairs flagged High (a regression), by true relative change of the canary:\n");
  console.log(`${pad("noise model", 40)}${pad("tolerance", 11)}${changes.map((c) => `+${Math.round(c * 100)}%`.padStart(7)).join("")}`);
  const random = seededRandom(SEED);
  for (const model of noiseModels) {
    const spec: MetricSpec = { name: model.name, direction: "HigherIsWorse", tolerance: model.tolerance };
    const cells = changes.map((change) => {
      let flagged = 0;
      for (let i = 0; i < SAMPLE_RUNS; i++) {
        const j = judgeMetric(spec, model.generate(random, 120, 0, "baseline"), model.generate(random, 40, change, "canary"));
        if (j.status === "High") flagged++;
      }
      return flagged / SAMPLE_RUNS;
    });
    console.log(`${pad(model.name, 40)}${pad(`${Math.round(model.tolerance * 100)}%`, 11)}${cells.map(pct).join("")}`);
  }
  console.log("\nA change at or below the tolerance should rarely be flagged; one well beyond it almost always.");
  console.log("AR(1) φ 0.8 mimics overlapping 1 m rate windows sampled every 15 s (about 9× fewer independent samples);");
  console.log("the drift row adds a 4 % load-driven rise of the canary on top of the true change.");
}

// ---------------------------------------------------------------- part 2: whole releases

type Scenario = {
  name: string;
  kind: "clean" | "within tolerance" | "regression";
  /** Which metric's High counts as "caught"; null for clean scenarios. */
  target: string | null;
  errorFactor?: number;
  latencyFactor?: number;
  restartsPerHour?: number;
};

const scenarios: Scenario[] = [
  { name: "clean (new digest, same behaviour)", kind: "clean", target: null },
  { name: "within tolerance: errors ×1.2", kind: "within tolerance", target: null, errorFactor: 1.2 },
  { name: "within tolerance: p95 latency +5%", kind: "within tolerance", target: null, latencyFactor: 1.05 },
  { name: "error ratio ×1.5 (at tolerance)", kind: "regression", target: "5xx error ratio", errorFactor: 1.5 },
  { name: "error ratio ×2", kind: "regression", target: "5xx error ratio", errorFactor: 2 },
  { name: "error ratio ×3", kind: "regression", target: "5xx error ratio", errorFactor: 3 },
  { name: "p95 latency +10% (at tolerance)", kind: "regression", target: "p95 latency", latencyFactor: 1.1 },
  { name: "p95 latency +20%", kind: "regression", target: "p95 latency", latencyFactor: 1.2 },
  { name: "p95 latency +30%", kind: "regression", target: "p95 latency", latencyFactor: 1.3 },
  { name: "crash loop (30 restarts/h)", kind: "regression", target: "pod restarts", restartsPerHour: 30 },
];

const WEEK_START = Date.UTC(2025, 5, 2) / 1000;
const MINUTE = 60;

async function simulateRelease(scenario: Scenario, index: number, random: Random) {
  const release = Math.round(WEEK_START + random.next() * 7 * 86_400);
  const namespace = "bench";
  const name = `svc-${index}-${Math.floor(random.next() * 1e9).toString(36)}`;
  const profile = defaultProfile(`${namespace}/${name}`);
  // The error-ratio factor is applied to the rate at the release time: the same relative change
  // a real regression would make, on top of whatever the daily cycle does.
  const baseErrorRatio = profile.errorRatio * (1 + 0.3 * dailyCycle(release));
  const effect: ImageEffect = {
    errorRatioBoost: baseErrorRatio * ((scenario.errorFactor ?? 1) - 1),
    latencyFactor: scenario.latencyFactor ?? 1,
    restartsPerHour: scenario.restartsPerHour ?? 0,
  };
  const source = staticWorkloadSource(
    [
      {
        namespace,
        name,
        service: name,
        environment: "bench",
        pods: [1, 2].map((i) => ({ name: `${name}-v1-${i}`, imageDigest: "sha256:v1", startedAt: new Date((release - (BASELINE_MINUTES + 20) * MINUTE) * 1000) })),
      },
    ],
    { "sha256:v2": effect },
  );
  source.deploy(namespace, name, "sha256:v2", { at: new Date(release * 1000) });
  const model = createMetricsModel(source, { backfillSeconds: 0, now: () => (release + (CANARY_MINUTES + 2) * MINUTE) * 1000 });
  const at = (seconds: number) => new Date(seconds * 1000);
  return runAnalysis({
    provider: createInProcessProvider(model),
    template: DEFAULT_ANALYSIS_TEMPLATE,
    target: { service: name, namespace, environment: "bench" },
    noDataPolicy: "Inconclusive",
    baseline: { start: at(release - BASELINE_MINUTES * MINUTE), end: at(release) },
    canary: { start: at(release + MINUTE), end: at(release + (1 + CANARY_MINUTES) * MINUTE) },
  });
}

async function partTwo() {
  console.log(`\nPart 2 — whole releases through the sandbox model and the default template (${RELEASES} releases per scenario)`);
  console.log(
    `Baseline: ${BASELINE_MINUTES} min before the release; canary: 1–${1 + CANARY_MINUTES} min after (one rate window after the rollout); 15 s steps; release times uniform over a week.\n`,
  );
  console.log(`${pad("scenario", 44)}${["Pass", "Marginal", "Fail", "Inconcl.", "alarm", "caught"].map((h) => h.padStart(9)).join("")}`);
  const random = seededRandom(SEED + 1);
  const results: Array<{ scenario: Scenario; alarm: number; caught: number | null }> = [];
  let index = 0;
  for (const scenario of scenarios) {
    const verdicts = { Pass: 0, Marginal: 0, Fail: 0, Inconclusive: 0 };
    let caught = 0;
    for (let i = 0; i < RELEASES; i++) {
      const outcome = await simulateRelease(scenario, index++, random);
      verdicts[outcome.analysis.verdict]++;
      if (scenario.target && outcome.analysis.verdict !== "Pass" && outcome.metrics.find((m) => m.metricName === scenario.target)?.status === "High") caught++;
    }
    const alarm = (verdicts.Marginal + verdicts.Fail) / RELEASES;
    const caughtRate = scenario.target ? caught / RELEASES : null;
    results.push({ scenario, alarm, caught: caughtRate });
    const cells = [verdicts.Pass, verdicts.Marginal, verdicts.Fail, verdicts.Inconclusive].map((v) => pct(v / RELEASES).padStart(9));
    console.log(`${pad(scenario.name, 44)}${cells.join("")}${pct(alarm).padStart(9)}${(caughtRate === null ? "—" : pct(caughtRate)).padStart(9)}`);
  }
  console.log("\nalarm = verdict Marginal or Fail (a human is asked, or the release is rolled back);");
  console.log("caught = alarm raised with the injected metric itself flagged High.");
  const rate = (name: string, field: "alarm" | "caught") => pct(results.find((r) => r.scenario.name === name)![field]!).trim();
  const clean = results.filter((r) => r.scenario.kind === "clean");
  console.log(`\nFalse alarms on clean releases: ${clean.map((r) => pct(r.alarm).trim()).join(", ")}  (issue 7 target ≤ 2%)`);
  console.log(`Caught: error ratio ×2 ${rate("error ratio ×2", "caught")}, p95 latency +20% ${rate("p95 latency +20%", "caught")}  (target ≥ 95%)`);
  console.log(
    `Flagged although within tolerance: ${results
      .filter((r) => r.scenario.kind === "within tolerance")
      .map((r) => `${r.scenario.name.replace("within tolerance: ", "")} ${pct(r.alarm).trim()}`)
      .join(", ")}`,
  );
  return results;
}

export async function runJudgeAccuracy(): Promise<BenchResult[]> {
  const started = performance.now();
  partOne();
  const results = await partTwo();
  console.log(`\n(${((performance.now() - started) / 1000).toFixed(1)} s)`);
  const of = (name: string) => results.find((r) => r.scenario.name === name)!;
  const clean = results.filter((r) => r.scenario.kind === "clean");
  const worstAlarm = Math.max(...clean.map((r) => r.alarm));
  const within = results.filter((r) => r.scenario.kind === "within tolerance");
  const caught = ["error ratio ×2", "p95 latency +20%"].map((name) => ({ name, rate: of(name).caught ?? 0 }));
  return [
    {
      benchmark: `Judge: false alarms on clean releases (${RELEASES} releases)`,
      measured: pct(worstAlarm).trim(),
      target: `≤ ${FALSE_ALARM_TARGET * 100}%`,
      baseline: `within tolerance: ${within.map((r) => pct(r.alarm).trim()).join(", ")}`,
      met: worstAlarm <= FALSE_ALARM_TARGET,
    },
    {
      benchmark: "Judge: regressions caught (errors ×2, p95 +20%)",
      measured: caught.map((c) => pct(c.rate).trim()).join(", "),
      target: `≥ ${DETECTION_TARGET * 100}%`,
      baseline: `at tolerance: errors ×1.5 ${pct(of("error ratio ×1.5 (at tolerance)").caught ?? 0).trim()}, p95 +10% ${pct(of("p95 latency +10% (at tolerance)").caught ?? 0).trim()}`,
      met: caught.every((c) => c.rate >= DETECTION_TARGET),
    },
  ];
}

if (isMain(import.meta.url)) {
  const results = await runJudgeAccuracy();
  console.log("");
  console.log(resultsTable(results));
}
