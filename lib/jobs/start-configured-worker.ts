import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { startWorker } from "./worker";

/** Starts a worker with the settings from the environment (used by `npm run worker` and in-process by the web server). */
export async function startConfiguredWorker() {
  const config = env();
  const worker = await startWorker({
    concurrency: config.GANTRY_WORKER_CONCURRENCY,
    execute: { rolloutTimeoutMs: config.GANTRY_ROLLOUT_TIMEOUT_SECONDS * 1000 },
  });
  log.info("gantry worker running", { concurrency: config.GANTRY_WORKER_CONCURRENCY });
  return worker;
}
