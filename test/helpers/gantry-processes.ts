import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { createInterface } from "node:readline";

/**
 * Gantry as separate processes for multi-process tests: a web process (the API route handlers
 * over HTTP, test/helpers/serve-api-process.ts) and a worker process (scripts/worker.ts, exactly
 * what `npm run worker` runs), each with the environment the test gives it.
 */
const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");

export interface GantryProcess {
  child: ChildProcess;
  /** Everything the process printed so far (stdout and stderr), for failure messages. */
  output(): string;
  /** Sends `signal` and resolves with the exit code once the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

function track(child: ChildProcess, ready: (line: string) => boolean, what: string): Promise<GantryProcess & { readyLine: string }> {
  let output = "";
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const process: GantryProcess = {
    child,
    output: () => output,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
  return new Promise((resolve, reject) => {
    void exited.then((code) => reject(new Error(`${what} exited (${code}) before it was ready:\n${output}`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      output += `${line}\n`;
      if (ready(line)) resolve({ ...process, readyLine: line });
    });
  });
}

export async function startWebProcess(env: NodeJS.ProcessEnv): Promise<GantryProcess & { baseUrl: string }> {
  const child = spawn(TSX, [path.join(ROOT, "test/helpers/serve-api-process.ts")], { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"] });
  const started = await track(child, (line) => line.startsWith('{"baseUrl"'), "web process");
  return { ...started, baseUrl: (JSON.parse(started.readyLine) as { baseUrl: string }).baseUrl };
}

/** A worker process (node with tsx's loader, no wrapper process), resolved once it is taking jobs. */
export function startWorkerProcess(env: NodeJS.ProcessEnv): Promise<GantryProcess> {
  // Readiness is read from the info-level "gantry worker running" log line.
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "scripts/worker.ts")], { cwd: ROOT, env: { ...env, LOG_LEVEL: "info" }, stdio: ["ignore", "pipe", "pipe"] });
  return track(child, (line) => line.includes("gantry worker running"), "worker process");
}
