import { startConfiguredWorker } from "@/lib/jobs/start-configured-worker";

if (process.env.GANTRY_RUN_WORKER === "true" || process.env.GANTRY_RUN_WORKER === "1") {
  const worker = await startConfiguredWorker();
  // Next.js' own SIGTERM handler drains in-flight requests and then exits the process; exiting here
  // as soon as the worker stopped would cut those requests. A job step still running when Next
  // exits is handed over to another worker (pg-boss retries it; the promotion resumes).
  const stop = () =>
    void worker
      .stop()
      .then(() => worker.shutdown())
      .finally(() => {
        if (process.env.NEXT_MANUAL_SIG_HANDLE) process.exit(0);
      });
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}
