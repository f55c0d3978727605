import type { Job } from "pg-boss";
import { observeJobRun, type JobOutcome } from "@/lib/observability/registry";

/** Thrown by a handler that has nothing to do yet: pg-boss runs the job again later (counted as deferred, not failed). */
export class JobDeferred extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JobDeferred";
  }
}

/** A pg-boss work handler that records each run in gantry_job_run_duration_seconds. */
export function measuredJob<T>(queue: string, handler: (jobs: Job<T>[]) => Promise<void>): (jobs: Job<T>[]) => Promise<void> {
  return async (jobs) => {
    const started = performance.now();
    let outcome: JobOutcome = "completed";
    try {
      await handler(jobs);
    } catch (error) {
      outcome = error instanceof JobDeferred ? "deferred" : "failed";
      throw error;
    } finally {
      observeJobRun({ queue, outcome }, (performance.now() - started) / 1000);
    }
  };
}
