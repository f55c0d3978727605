import { readFileSync } from "node:fs";
import os from "node:os";
import { pathToFileURL } from "node:url";

/** One line of `npm run bench`'s summary: a measurement beside its target and its baseline from the same run. */
export interface BenchResult {
  benchmark: string;
  measured: string;
  target: string;
  baseline: string;
  /** null: there is no target for this line (context only). */
  met: boolean | null;
}

export const log = (line = "") => process.stdout.write(`${line}\n`);

/** True when `moduleUrl` is the script node was started with (`npm run bench:x`), false when imported by run.ts. */
export function isMain(moduleUrl: string) {
  const entry = process.argv[1];
  if (!entry) return false;
  const href = pathToFileURL(entry).href;
  return moduleUrl === href || moduleUrl === href.replace(/\.ts$/, "") + ".ts";
}

export function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? Number(process.argv[index + 1]) : fallback;
}

/** Nearest-rank percentile (p in 0..1) of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!;
}

export function summary(samples: readonly number[]) {
  return { n: samples.length, p50: percentile(samples, 0.5), p95: percentile(samples, 0.95), p99: percentile(samples, 0.99), max: percentile(samples, 1) };
}

export const ms = (x: number) => (Number.isNaN(x) ? "—" : x < 10 ? `${x.toFixed(1)} ms` : `${Math.round(x)} ms`);

export function loadAverage() {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(" / ");
}

/** What the timings depend on: printed with every run and recorded in BENCHMARKS.md. */
export function machine() {
  const cpuModel = os.cpus()[0]?.model.trim() ?? "unknown CPU";
  let memory = `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`;
  try {
    // A container's limit, when it has one, is what the benchmark really gets.
    const limit = Number(readFileSync("/sys/fs/cgroup/memory.max", "utf8").trim());
    if (Number.isFinite(limit) && limit < os.totalmem()) memory = `${(limit / 2 ** 30).toFixed(1)} GiB (cgroup limit)`;
  } catch {
    // no cgroup v2 limit
  }
  return { cpus: os.availableParallelism(), cpuModel, memory, node: process.version, platform: `${os.type()} ${os.release()}` };
}

export function describeMachine() {
  const m = machine();
  return `${m.cpus} × ${m.cpuModel}, ${m.memory} RAM, Node ${m.node}, ${m.platform}; load average ${loadAverage()} (1/5/15 min)`;
}

export function table(headers: string[], rows: string[][]) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(" | ")} |`;
  return [line(headers), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...rows.map(line)].join("\n");
}

export function resultsTable(results: BenchResult[]) {
  return table(
    ["benchmark", "measured", "target", "baseline (same run)", "met?"],
    results.map((r) => [r.benchmark, r.measured, r.target, r.baseline, r.met === null ? "—" : r.met ? "yes" : "NO"]),
  );
}
