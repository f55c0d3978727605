import { ApiException } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { ClusterError, clusterErrorToAppError, toClusterError } from "@/lib/clusters";

const ctx = { operation: "patch deployment shop/web", cluster: "prod", server: "https://prod:6443" };
const status = (code: number, reason: string, message: string) => JSON.stringify({ kind: "Status", apiVersion: "v1", status: "Failure", code, reason, message });

describe("toClusterError", () => {
  it("maps API status codes, keeping the server's message", () => {
    expect(toClusterError(new ApiException(401, "Unauthorized", undefined, {}), ctx).kind).toBe("unauthorized");
    const forbidden = toClusterError(new ApiException(403, "x", status(403, "Forbidden", 'User "ci" cannot patch resource "deployments"'), {}), ctx);
    expect(forbidden).toMatchObject({ kind: "forbidden", details: { status: 403, reason: "Forbidden" } });
    expect(forbidden.message).toContain('User "ci" cannot patch');
    expect(toClusterError(new ApiException(404, "x", status(404, "NotFound", 'deployments.apps "web" not found'), {}), ctx).message).toContain("not found");
    expect(toClusterError(new ApiException(409, "x", "{}", {}), ctx).kind).toBe("conflict");
    expect(toClusterError(new ApiException(422, "x", "{}", {}), ctx).kind).toBe("invalid");
    expect(toClusterError(new ApiException(503, "x", "{}", {}), ctx)).toMatchObject({ kind: "server_error", transient: true });
  });

  it("maps network failures found anywhere in the cause chain", () => {
    const refused = new TypeError("fetch failed", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" }) });
    expect(toClusterError(refused, ctx)).toMatchObject({ kind: "unreachable", transient: true });
    const dns = new TypeError("fetch failed", { cause: new AggregateError([Object.assign(new Error("x"), { code: "ENOTFOUND" })]) });
    expect(toClusterError(dns, ctx).kind).toBe("unreachable");
    const tls = new TypeError("fetch failed", { cause: Object.assign(new Error("self-signed certificate"), { code: "DEPTH_ZERO_SELF_SIGNED_CERT" }) });
    expect(toClusterError(tls, ctx)).toMatchObject({ kind: "tls", transient: false });
    expect(toClusterError(new DOMException("timed out", "TimeoutError"), ctx).kind).toBe("timeout");
    expect(toClusterError(Object.assign(new Error("Forbidden"), { statusCode: 403 }), ctx).kind).toBe("forbidden");
  });

  it("never turns a cluster's 401/403 into Gantry's own 401/403", () => {
    expect(clusterErrorToAppError(new ClusterError("unauthorized", "x")).status).toBe(503);
    expect(clusterErrorToAppError(new ClusterError("forbidden", "x")).status).toBe(503);
    expect(clusterErrorToAppError(new ClusterError("not_found", "x")).status).toBe(404);
    expect(clusterErrorToAppError(new ClusterError("conflict", "x")).status).toBe(409);
  });
});
