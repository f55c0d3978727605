/**
 * Next.js calls register() once per server process. With GANTRY_RUN_WORKER (set by `npm run dev`)
 * the background worker runs in the web process; production runs `npm run worker` separately.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.GANTRY_RUN_WORKER !== "true" && process.env.GANTRY_RUN_WORKER !== "1") return;
  const { startConfiguredWorker } = await import("@/lib/jobs/start-configured-worker");
  const worker = await startConfiguredWorker();
  const stop = () => void worker.shutdown().finally(() => process.exit(0));
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
