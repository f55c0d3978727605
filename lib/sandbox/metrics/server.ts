import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { EXPOSITION_CONTENT_TYPE, renderExposition } from "./exposition";
import { instantQuery, rangeQuery, type ApiResponse } from "./query-api";
import { createMetricsModel, type MetricsModelOptions } from "./series-catalog";
import type { WorkloadSource } from "./workloads";

export type SandboxMetricsOptions = MetricsModelOptions & {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  workloads: WorkloadSource;
  /** When set, /api/v1/* requires `Authorization: Bearer <token>` (scrape endpoints stay open). */
  bearerToken?: string;
};

export type SandboxMetricsServer = {
  /** Base URL, e.g. http://127.0.0.1:9464 — the Prometheus URL to configure, and the scrape target. */
  url: string;
  port: number;
  stop(): Promise<void>;
};

const MAX_BODY_BYTES = 1 << 20;

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw Object.assign(new Error("request body too large"), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function send(res: ServerResponse, status: number, contentType: string, body: string) {
  res.writeHead(status, { "content-type": contentType, "cache-control": "no-store" });
  res.end(body);
}

const sendJson = (res: ServerResponse, { status, body }: ApiResponse) => send(res, status, "application/json", JSON.stringify(body));

/**
 * Starts the sandbox metrics server:
 * - `GET /metrics`, `/metrics/<namespace>`, `/metrics/<namespace>/<workload>`: the Prometheus
 *   text exposition of the pods alive now (scrape with static_configs and metrics_path);
 * - `GET|POST /api/v1/query`, `/api/v1/query_range`: a Prometheus-compatible query API over the
 *   same model, back-filled with history, for the PromQL subset documented in README.md;
 * - `GET /-/healthy`, `/-/ready`.
 */
export async function startSandboxMetrics(options: SandboxMetricsOptions): Promise<SandboxMetricsServer> {
  const model = createMetricsModel(options.workloads, options);
  const host = options.host ?? "127.0.0.1";

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const status = (error as { status?: number }).status ?? 500;
      if (!res.headersSent) sendJson(res, { status, body: { status: "error", errorType: status === 413 ? "bad_data" : "internal", error: (error as Error).message } });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://sandbox");
    const path = url.pathname.replace(/\/+$/, "") || "/";

    if (path === "/-/healthy" || path === "/-/ready") return send(res, 200, "text/plain", "Sandbox metrics server is Healthy.\n");

    const scrape = /^\/metrics(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(path);
    if (scrape) {
      if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "text/plain", "method not allowed\n");
      const catalog = await model.snapshot();
      const filter = { namespace: scrape[1] && decodeURIComponent(scrape[1]), workload: scrape[2] && decodeURIComponent(scrape[2]) };
      return send(res, 200, EXPOSITION_CONTENT_TYPE, renderExposition(catalog, filter));
    }

    if (path === "/api/v1/query" || path === "/api/v1/query_range") {
      if (options.bearerToken && req.headers.authorization !== `Bearer ${options.bearerToken}`) {
        return send(res, 401, "text/plain", "Unauthorized\n");
      }
      const params = new URLSearchParams(url.searchParams);
      if (req.method === "POST") {
        const type = req.headers["content-type"] ?? "";
        if (!type.startsWith("application/x-www-form-urlencoded")) {
          return sendJson(res, { status: 400, body: { status: "error", errorType: "bad_data", error: "POST requires a form-encoded body" } });
        }
        for (const [k, v] of new URLSearchParams(await readBody(req))) params.set(k, v);
      } else if (req.method !== "GET") {
        return send(res, 405, "text/plain", "method not allowed\n");
      }
      const catalog = await model.snapshot();
      return sendJson(res, path === "/api/v1/query" ? instantQuery(params, catalog) : rangeQuery(params, catalog));
    }

    if (path === "/api/v1/status/buildinfo") {
      return sendJson(res, { status: 200, body: { status: "success", data: { version: "gantry-sandbox", revision: "", branch: "", goVersion: "" } } });
    }

    return send(res, 404, "text/plain", "404 page not found\n");
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = host.includes(":") ? `[${host}]` : host;

  return {
    url: `http://${hostForUrl}:${port}`,
    port,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
