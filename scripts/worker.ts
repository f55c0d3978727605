// `npm run worker`: the background worker on its own (production runs N of these beside the web
// replicas). SIGTERM lets the running promotion steps finish or hand over, then exits.
import { startConfiguredWorker } from "../lib/jobs/start-configured-worker";
import { EnvError } from "../lib/env";

async function main() {
  const worker = await startConfiguredWorker();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`gantry worker: ${signal}, finishing in-flight work`);
    await worker.stop();
    await worker.shutdown();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? `gantry worker: ${error.message}` : error);
  process.exit(1);
});
