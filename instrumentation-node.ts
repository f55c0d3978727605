import { startConfiguredWorker } from "@/lib/jobs/start-configured-worker";

if (process.env.GANTRY_RUN_WORKER === "true" || process.env.GANTRY_RUN_WORKER === "1") {
  const worker = await startConfiguredWorker();
  // Let in-flight job steps hand over cleanly when the server stops.
  const stop = () => void worker.shutdown().finally(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
