import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { findFreePort } from "@/lib/db/embedded-postgres";
import { MetricsProviderError } from "@/lib/metrics/providers/metrics-provider";
import { createPrometheusProvider, parseSampleValue } from "@/lib/metrics/providers/prometheus-provider";
import { startSandboxMetrics, staticWorkloadSource, type SandboxMetricsServer } from "@/lib/sandbox/metrics";

const now = Date.now();
const source = staticWorkloadSource([
  { namespace: "shop", name: "api", service: "api", environment: "dev", pods: [{ name: "api-1", imageDigest: "sha256:a", startedAt: new Date(now - 3_600_000) }] },
]);

let sandbox: SandboxMetricsServer;
let guarded: SandboxMetricsServer;
beforeAll(async () => {
  sandbox = await startSandboxMetrics({ workloads: source });
  guarded = await startSandboxMetrics({ workloads: source, bearerToken: "s3cret" });
});
afterAll(async () => {
  await sandbox.stop();
  await guarded.stop();
});

/** A throwaway HTTP server answering every request with the handler. */
let scratch: Server | undefined;
async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  scratch = createServer(handler);
  await new Promise<void>((resolve) => scratch!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(scratch.address() as AddressInfo).port}`;
}
afterEach(async () => {
  if (!scratch) return;
  scratch.closeAllConnections();
  await new Promise((resolve) => scratch!.close(resolve));
  scratch = undefined;
});

async function failure(promise: Promise<unknown>): Promise<MetricsProviderError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(MetricsProviderError);
    return error as MetricsProviderError;
  }
  throw new Error("expected the call to fail");
}

const start = new Date(now - 600_000);
const end = new Date(now - 60_000);

describe("Prometheus provider", () => {
  it("returns range series with numeric values and the requested timestamps", async () => {
    const provider = createPrometheusProvider({ url: sandbox.url });
    const series = await provider.queryRange('sum by (code) (rate(http_requests_total{service="api"}[1m]))', start, end, 60);
    expect(series.map((s) => s.labels.code)).toEqual(["200", "404", "500", "503"]);
    for (const s of series) {
      expect(s.values.map(([t]) => t)).toEqual(Array.from({ length: 10 }, (_, i) => start.getTime() / 1000 + i * 60));
      for (const [, v] of s.values) expect(typeof v).toBe("number");
    }
    const [instant] = await provider.query('sum(http_requests_total{service="api"})', end);
    expect(instant!.value[0]).toBe(end.getTime() / 1000);
    expect(instant!.value[1]).toBeGreaterThan(10_000);
  });

  it("handles a base URL with a path prefix", async () => {
    let seenPath = "";
    const url = await serve((req, res) => {
      seenPath = req.url ?? "";
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ status: "success", data: { resultType: "scalar", result: [1, "2"] } }));
    });
    const [sample] = await createPrometheusProvider({ url: `${url}/prometheus` }).query("1+1", new Date(1000));
    expect(seenPath).toBe("/prometheus/api/v1/query");
    expect(sample).toEqual({ labels: {}, value: [1, 2] });
  });

  it("maps Prometheus' bad_data to bad_query with the server's message", async () => {
    const error = await failure(createPrometheusProvider({ url: sandbox.url }).queryRange("sum(rate(x[1m])", start, end, 60));
    expect(error.kind).toBe("bad_query");
    expect(error.details).toMatchObject({ status: 400, errorType: "bad_data", query: "sum(rate(x[1m])" });
    expect(error.message).toMatch(/^Prometheus rejected the query: parse error/);
  });

  it("reports an empty result distinctly", async () => {
    const provider = createPrometheusProvider({ url: sandbox.url });
    expect((await failure(provider.queryRange('rate(http_requests_total{service="nope"}[1m])', start, end, 60))).kind).toBe("empty_result");
    expect((await failure(provider.query('http_requests_total{service="nope"}', end))).kind).toBe("empty_result");
  });

  it("sends the bearer token, and reports a refused one as unauthorized", async () => {
    const query = 'sum(http_requests_total{service="api"})';
    await expect(createPrometheusProvider({ url: guarded.url, bearerToken: "s3cret" }).query(query, end)).resolves.toHaveLength(1);
    const error = await failure(createPrometheusProvider({ url: guarded.url, bearerToken: "wrong" }).query(query, end));
    expect(error.kind).toBe("unauthorized");
    expect(error.details.status).toBe(401);
    expect((await failure(createPrometheusProvider({ url: guarded.url }).query(query, end))).kind).toBe("unauthorized");
  });

  it("reports an unreachable server", async () => {
    const port = await findFreePort();
    const error = await failure(createPrometheusProvider({ url: `http://127.0.0.1:${port}` }).query("up", end));
    expect(error.kind).toBe("unreachable");
    expect(error.message).toBe(`Prometheus at http://127.0.0.1:${port} is unreachable (ECONNREFUSED)`);
  });

  it("gives up after the timeout", async () => {
    const url = await serve(() => {
      // never answers
    });
    const error = await failure(createPrometheusProvider({ url, timeoutMs: 200 }).query("up", end));
    expect(error.kind).toBe("timeout");
    expect(error.message).toMatch(/did not answer within 200 ms/);
  });

  it("reports a non-JSON answer (a proxy's HTML page) as bad_response", async () => {
    const url = await serve((_req, res) => {
      res.writeHead(502, { "content-type": "text/html" });
      res.end("<html><body>Bad Gateway</body></html>");
    });
    const error = await failure(createPrometheusProvider({ url }).queryRange("up", start, end, 60));
    expect(error.kind).toBe("bad_response");
    expect(error.message).toMatch(/HTTP 502 with a non-JSON body: <html><body>Bad Gateway/);
  });

  it("reports JSON in the wrong shape as bad_response, and server-side failures by type", async () => {
    let body: unknown = { hello: "world" };
    let status = 200;
    const url = await serve((_req, res) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    });
    const provider = createPrometheusProvider({ url });
    expect((await failure(provider.query("up", end))).kind).toBe("bad_response");
    body = { status: "success", data: { resultType: "vector", result: [] } };
    expect((await failure(provider.queryRange("up", start, end, 60))).message).toMatch(/returned a vector, expected a matrix/);
    status = 422;
    body = { status: "error", errorType: "execution", error: "many-to-many matching not allowed" };
    expect(await failure(provider.query("up", end))).toMatchObject({ kind: "query_failed", message: "Prometheus could not evaluate the query (execution): many-to-many matching not allowed" });
    status = 503;
    body = { status: "error", errorType: "timeout", error: "query timed out in expression evaluation" };
    expect((await failure(provider.query("up", end))).kind).toBe("timeout");
  });

  it("parses NaN and infinities as Prometheus spells them", () => {
    expect(parseSampleValue("NaN")).toBeNaN();
    expect(parseSampleValue("+Inf")).toBe(Infinity);
    expect(parseSampleValue("-Inf")).toBe(-Infinity);
    expect(parseSampleValue("1.5e-3")).toBe(0.0015);
    expect(() => parseSampleValue("abc")).toThrow(MetricsProviderError);
  });
});
