import http from "node:http";
import type { AddressInfo } from "node:net";
import { getDb } from "@/lib/db/client";
import { checkHealth } from "@/lib/health/check-health";
import { AppError } from "@/lib/http/errors";
import { log } from "@/lib/log";
import { checkReadiness, type Readiness } from "./readiness";
import { serveMetrics } from "./serve-metrics";

export interface WorkerEndpoints {
  url: string;
  /** From now on /ready answers 503 "stopping" (SIGTERM received; in-flight steps are finishing). */
  markStopping(): void;
  close(): Promise<void>;
}

const json = (body: unknown, status: number) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json", "cache-control": "no-store" } });

/**
 * The HTTP listener of a worker process (`npm run worker` with GANTRY_WORKER_METRICS_PORT): a
 * worker has no web server, yet its cluster API errors and job runs live in its own registry.
 * /metrics as /api/metrics; /health as /api/health; /ready as /api/ready, and also 503 until
 * the worker takes jobs and once it is stopping.
 */
export async function startWorkerEndpoints(options: { port: number; host?: string; isTakingJobs: () => boolean }): Promise<WorkerEndpoints> {
  let stopping = false;

  async function answer(request: Request): Promise<Response> {
    if (request.method !== "GET" && request.method !== "HEAD") throw new AppError("method_not_allowed", "Only GET is served here");
    switch (new URL(request.url).pathname) {
      case "/metrics":
        return serveMetrics(request);
      case "/health": {
        const health = await checkHealth();
        return json(health, health.status === "ok" ? 200 : 503);
      }
      case "/ready": {
        const readiness: Readiness = stopping
          ? { status: "not_ready", reason: "stopping: finishing or handing over in-flight jobs" }
          : !options.isTakingJobs()
            ? { status: "not_ready", reason: "worker starting" }
            : await checkReadiness(getDb());
        return json(readiness, readiness.status === "ready" ? 200 : 503);
      }
      default:
        throw new AppError("not_found", "Served here: /metrics, /health, /ready");
    }
  }

  const server = http.createServer((req, res) => {
    const headers = new Headers();
    for (const [key, value] of Object.entries(req.headers)) {
      if (Array.isArray(value)) value.forEach((v) => headers.append(key, v));
      else if (value !== undefined) headers.set(key, value);
    }
    const request = new Request(`http://${req.headers.host ?? "worker"}${req.url ?? "/"}`, { method: req.method ?? "GET", headers });
    void answer(request)
      .catch((error: unknown) => {
        if (error instanceof AppError) return json(error.toBody(), error.status);
        log.error("worker endpoint failed", { path: req.url, error: (error as Error).message });
        return json(new AppError("internal", "Internal error").toBody(), 500);
      })
      .then(async (response) => {
        res.statusCode = response.status;
        response.headers.forEach((value, key) => res.setHeader(key, value));
        res.end(req.method === "HEAD" ? undefined : Buffer.from(await response.arrayBuffer()));
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? "localhost"}:${port}`,
    markStopping() {
      stopping = true;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
