import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { findFreePort } from "@/lib/db/embedded-postgres";

export const PROMETHEUS_BINARY = process.env.PROMETHEUS_BINARY ?? "/usr/bin/prometheus";

export function prometheusAvailable(): boolean {
  return existsSync(PROMETHEUS_BINARY);
}

const inCI = !!process.env.CI && process.env.CI !== "false" && process.env.CI !== "0";

/**
 * Whether a real-Prometheus test file runs: always in CI (where a missing binary must fail the
 * test, not skip it), locally only when the binary is installed, with a loud warning otherwise.
 */
export function realPrometheusTestsRun(what: string): boolean {
  const available = prometheusAvailable();
  if (!available && !inCI) {
    console.warn(
      `\n${"!".repeat(78)}\n!! SKIPPING ${what}: ${PROMETHEUS_BINARY} is not installed.\n` +
        `!! Install it with: apt-get install -y prometheus   (CI installs it and fails without it)\n${"!".repeat(78)}\n`,
    );
  }
  return available || inCI;
}

/** For a beforeAll: in CI without the binary, fail with what to install. */
export function assertPrometheusInstalled() {
  if (!prometheusAvailable()) throw new Error(`${PROMETHEUS_BINARY} is missing: CI must install the Debian package "prometheus"`);
}

export type RealPrometheus = { url: string; stop(): Promise<void>; logs(): string };

/** `bearerToken`: sent as `Authorization: Bearer …` on every scrape (Prometheus' `authorization` block). */
export type ScrapeJob = { name: string; target: string; metricsPath: string; bearerToken?: string };

/**
 * Spawns the real Prometheus binary (never the system service) with its own config and TSDB in
 * a temp directory, scraping every second, and waits until it is ready.
 */
export async function startRealPrometheus(jobs: ScrapeJob[]): Promise<RealPrometheus> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "gantry-prometheus-"));
  const port = await findFreePort();
  const config = [
    "global:",
    "  scrape_interval: 1s",
    "  scrape_timeout: 1s",
    "  evaluation_interval: 1s",
    "scrape_configs:",
    ...jobs.flatMap((job) => [
      `  - job_name: ${JSON.stringify(job.name)}`,
      `    metrics_path: ${JSON.stringify(job.metricsPath)}`,
      ...(job.bearerToken ? ["    authorization:", "      type: Bearer", `      credentials: ${JSON.stringify(job.bearerToken)}`] : []),
      "    static_configs:",
      `      - targets: [${JSON.stringify(job.target)}]`,
    ]),
    "",
  ].join("\n");
  await writeFile(path.join(dir, "prometheus.yml"), config);

  let output = "";
  const child: ChildProcess = spawn(
    PROMETHEUS_BINARY,
    [
      `--config.file=${path.join(dir, "prometheus.yml")}`,
      `--storage.tsdb.path=${path.join(dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
      "--log.level=warn",
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exited;
      clearTimeout(timer);
    }
    await rm(dir, { recursive: true, force: true });
  };

  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`Prometheus exited with code ${child.exitCode}:\n${output}`);
    }
    try {
      const response = await fetch(`${url}/-/ready`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`Prometheus did not become ready within 20 s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { url, stop, logs: () => output };
}
