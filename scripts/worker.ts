// `npm run worker`: the background worker on its own (production runs N of these beside the web
// replicas). SIGTERM lets the running promotion steps finish or hand over, then exits.
import { startConfiguredWorker } from "../lib/jobs/start-configured-worker";
import { env, EnvError } from "../lib/env";
import { log } from "../lib/log";
import { startWorkerEndpoints } from "../lib/observability/worker-endpoints";

async function main() {
  const port = env().GANTRY_WORKER_METRICS_PORT;
  let takingJobs = false;
  // Listening before the worker starts: liveness answers during start-up, readiness once jobs are taken.
  const endpoints = port === undefined ? undefined : await startWorkerEndpoints({ port, isTakingJobs: () => takingJobs });
  if (endpoints) log.info("worker endpoints listening", { port, paths: ["/metrics", "/health", "/ready"] });
  const worker = await startConfiguredWorker();
  takingJobs = true;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`gantry worker: ${signal}, finishing in-flight work`);
    endpoints?.markStopping();
    await worker.stop();
    await worker.shutdown();
    await endpoints?.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? `gantry worker: ${error.message}` : error);
  process.exit(1);
});
