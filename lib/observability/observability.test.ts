import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/http/errors";
import { assertMetricsAccess } from "./metrics-access";
import { decideReadiness } from "./readiness";
import { JobDeferred, measuredJob } from "@/lib/jobs/measured-job";
import { formatLabels, processFamilies, renderFamilies } from "./registry";
import { routeLabel } from "./route-label";

describe("routeLabel", () => {
  it("replaces uuid, numeric and digest segments with :id and keeps the rest", () => {
    expect(routeLabel("/api/v1/promotions/0b6a4c1e-1f2a-4c3b-9d8e-7f6a5b4c3d2e/approve")).toBe("/api/v1/promotions/:id/approve");
    expect(routeLabel("/api/v1/audit/12345")).toBe("/api/v1/audit/:id");
    expect(routeLabel("/api/v1/artifacts/sha256%3A" + "ab".repeat(32))).toBe("/api/v1/artifacts/:id");
    expect(routeLabel("/api/v1/dora/failures")).toBe("/api/v1/dora/failures");
    expect(routeLabel("/api/health/")).toBe("/api/health");
  });
});

describe("decideReadiness", () => {
  const done = (name: string) => ({ migration_name: name, finished_at: new Date(), rolled_back_at: null });
  it("is ready when every shipped migration finished", () => {
    expect(decideReadiness(["a", "b"], [done("a"), done("b")])).toEqual({ status: "ready", migrations: { applied: 2, expected: 2 } });
  });
  it("lists the migrations not applied yet", () => {
    expect(decideReadiness(["a", "b", "c"], [done("a")])).toEqual({ status: "not_ready", reason: "2 migration(s) not applied", pending: ["b", "c"] });
  });
  it("is not ready while a migration is unfinished, and ignores rolled-back attempts", () => {
    expect(decideReadiness(["a"], [{ migration_name: "a", finished_at: null, rolled_back_at: null }]).status).toBe("not_ready");
    expect(decideReadiness(["a"], [{ migration_name: "a", finished_at: null, rolled_back_at: new Date() }, done("a")]).status).toBe("ready");
  });
  it("without a migrations directory, accepts any finished migration", () => {
    expect(decideReadiness([], [done("a")])).toEqual({ status: "ready", migrations: { applied: 1, expected: null } });
    expect(decideReadiness([], []).status).toBe("not_ready");
  });
});

describe("assertMetricsAccess", () => {
  const request = (authorization?: string) => new Request("http://x/api/metrics", authorization ? { headers: { authorization } } : {});
  const code = (fn: () => void) => {
    try {
      fn();
      return "allowed";
    } catch (error) {
      return (error as AppError).code;
    }
  };
  it("is open without a token outside production, disabled in production", () => {
    expect(code(() => assertMetricsAccess(request(), { NODE_ENV: "development" }))).toBe("allowed");
    expect(code(() => assertMetricsAccess(request(), { NODE_ENV: "production" }))).toBe("not_found");
  });
  it("requires exactly the configured bearer token when one is set", () => {
    const config = { NODE_ENV: "production" as const, GANTRY_METRICS_TOKEN: "a-token-of-sixteen-chars" };
    expect(code(() => assertMetricsAccess(request(), config))).toBe("unauthenticated");
    expect(code(() => assertMetricsAccess(request("Bearer a-token-of-sixteen-char"), config))).toBe("unauthenticated");
    expect(code(() => assertMetricsAccess(request("Basic a-token-of-sixteen-chars"), config))).toBe("unauthenticated");
    expect(code(() => assertMetricsAccess(request("Bearer a-token-of-sixteen-chars"), config))).toBe("allowed");
  });
});

describe("exposition rendering", () => {
  it("escapes label values and declares each family once", () => {
    expect(formatLabels({ a: 'x"y\\z\nw' })).toBe('{a="x\\"y\\\\z\\nw"}');
    expect(
      renderFamilies([{ name: "m", type: "gauge", help: "h.", samples: [{ labels: {}, value: 1 }, { labels: { k: "v" }, value: Infinity }] }]),
    ).toBe('# HELP m h.\n# TYPE m gauge\nm 1\nm{k="v"} +Inf\n');
  });
});

describe("job run metrics", () => {
  const runs = (queue: string, outcome: string) =>
    processFamilies()
      .find((f) => f.name === "gantry_job_run_duration_seconds")!
      .samples.find((s) => s.name === "gantry_job_run_duration_seconds_count" && s.labels.queue === queue && s.labels.outcome === outcome)?.value ?? 0;

  it("counts each handler run by outcome and rethrows, so pg-boss still retries", async () => {
    const queue = `unit-${Math.random().toString(36).slice(2)}`;
    await measuredJob(queue, async () => undefined)([]);
    await expect(measuredJob(queue, async () => Promise.reject(new JobDeferred("window open")))([])).rejects.toThrow("window open");
    await expect(measuredJob(queue, async () => Promise.reject(new Error("boom")))([])).rejects.toThrow("boom");
    await expect(measuredJob(queue, async () => Promise.reject(new Error("boom again")))([])).rejects.toThrow("boom again");
    expect([runs(queue, "completed"), runs(queue, "deferred"), runs(queue, "failed")]).toEqual([1, 1, 2]);
  });
});
