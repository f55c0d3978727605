import { ApiException } from "@kubernetes/client-node";
import { AppError } from "@/lib/http/errors";
import { countClusterApiError } from "@/lib/observability/registry";

/**
 * Every failure of a cluster operation, classified so callers (promotion engine, Settings page)
 * can act on it and tell a person precisely what is wrong.
 */
export type ClusterErrorKind =
  | "unreachable" // DNS, connection refused/reset, no route
  | "tls" // the server's certificate could not be verified (or the client certificate was refused)
  | "unauthorized" // 401: credentials missing, invalid or expired
  | "forbidden" // 403: authenticated but not allowed
  | "not_found" // 404: namespace/workload/container missing
  | "conflict" // 409
  | "invalid" // 422/400: the server rejected the request body
  | "timeout" // no answer within the operation's timeout
  | "server_error" // 5xx or an unparseable answer
  | "invalid_config" // the cluster record cannot be turned into a connection
  | "unsupported" // e.g. a workload kind not implemented yet
  | "aborted"; // the caller cancelled

export class ClusterError extends Error {
  constructor(
    readonly kind: ClusterErrorKind,
    message: string,
    readonly details: { status?: number; reason?: string; code?: string; operation?: string } = {},
  ) {
    super(message);
    this.name = "ClusterError";
  }

  /** Transient kinds are worth retrying (watch reconnects, job retries). */
  get transient() {
    return this.kind === "unreachable" || this.kind === "timeout" || this.kind === "server_error";
  }
}

export interface ErrorContext {
  operation: string;
  cluster: string;
  server?: string;
}

const tlsCodes = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "ERR_TLS_CERT_ALTNAME_INVALID",
  "CERT_SIGNATURE_FAILURE",
  "ERR_SSL_WRONG_VERSION_NUMBER",
  "EPROTO",
]);
const networkCodes = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "ETIMEDOUT",
  "UND_ERR_SOCKET",
  "UND_ERR_CLOSED",
]);

function causeChain(error: unknown): unknown[] {
  const chain: unknown[] = [];
  let current: unknown = error;
  for (let i = 0; current && i < 8; i++) {
    chain.push(current);
    if (current instanceof AggregateError) chain.push(...current.errors);
    current = (current as { cause?: unknown }).cause;
  }
  return chain;
}

/** The `message` of a Kubernetes Status body, if the answer carried one. */
function statusOf(body: unknown): { message?: string; reason?: string } {
  let value = body;
  if (typeof value === "string") {
    try {
      value = JSON.parse(value);
    } catch {
      return {};
    }
  }
  if (value && typeof value === "object" && (value as { kind?: string }).kind === "Status") {
    const status = value as { message?: string; reason?: string };
    return { ...(status.message ? { message: status.message } : {}), ...(status.reason ? { reason: status.reason } : {}) };
  }
  return {};
}

export function fromHttpStatus(status: number, body: unknown, ctx: ErrorContext): ClusterError {
  const { message, reason } = statusOf(body);
  const where = `cluster "${ctx.cluster}"`;
  const details = { status, ...(reason ? { reason } : {}), operation: ctx.operation };
  switch (status) {
    case 401:
      return new ClusterError(
        "unauthorized",
        `${where} rejected the credentials (401 Unauthorized): the token or client certificate is missing, invalid or expired`,
        details,
      );
    case 403:
      return new ClusterError("forbidden", `${where} denied ${ctx.operation}: ${message ?? "403 Forbidden"}`, details);
    case 404:
      return new ClusterError("not_found", `${where}: ${message ?? "not found"}`, details);
    case 409:
      return new ClusterError("conflict", `${where}: ${message ?? "409 Conflict"}`, details);
    case 400:
    case 415:
    case 422:
      return new ClusterError("invalid", `${where} rejected ${ctx.operation}: ${message ?? `HTTP ${status}`}`, details);
    case 408:
    case 504:
      return new ClusterError("timeout", `${where} timed out during ${ctx.operation}: ${message ?? `HTTP ${status}`}`, details);
    default:
      return new ClusterError(
        status >= 500 ? "server_error" : "invalid",
        `${where} answered ${ctx.operation} with HTTP ${status}${message ? `: ${message}` : ""}`,
        details,
      );
  }
}

/** Maps client-node's ApiException, undici network errors and aborts to a ClusterError (counted once, in gantry_cluster_api_errors_total). */
export function toClusterError(error: unknown, ctx: ErrorContext): ClusterError {
  if (error instanceof ClusterError) return error;
  const classified = classifyClusterError(error, ctx);
  countClusterApiError(classified.kind);
  return classified;
}

function classifyClusterError(error: unknown, ctx: ErrorContext): ClusterError {
  if (error instanceof ApiException) return fromHttpStatus(error.code, error.body, ctx);
  const statusCode = (error as { statusCode?: unknown })?.statusCode;
  if (typeof statusCode === "number") return fromHttpStatus(statusCode, undefined, ctx);

  const server = ctx.server ?? "the API server";
  const chain = causeChain(error);
  for (const e of chain) {
    const name = (e as { name?: string })?.name;
    if (name === "TimeoutError") {
      return new ClusterError("timeout", `${server} (cluster "${ctx.cluster}") did not answer ${ctx.operation} in time`, {
        operation: ctx.operation,
      });
    }
  }
  for (const e of chain) {
    const code = (e as { code?: unknown })?.code;
    if (typeof code !== "string") continue;
    const reason = (e as Error).message ?? code;
    if (tlsCodes.has(code) || code.startsWith("ERR_TLS") || code.startsWith("ERR_SSL")) {
      return new ClusterError(
        "tls",
        `TLS verification of ${server} failed (${code}: ${reason}); check the cluster's CA bundle${code === "ERR_TLS_CERT_ALTNAME_INVALID" ? " and that the URL's host matches the certificate" : ""}`,
        { code, operation: ctx.operation },
      );
    }
    if (code === "UND_ERR_CONNECT_TIMEOUT" || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
      return new ClusterError("timeout", `${server} (cluster "${ctx.cluster}") did not answer ${ctx.operation} in time (${code})`, {
        code,
        operation: ctx.operation,
      });
    }
    if (networkCodes.has(code)) {
      return new ClusterError("unreachable", `cannot reach ${server} (cluster "${ctx.cluster}"): ${code}`, { code, operation: ctx.operation });
    }
  }
  for (const e of chain) {
    if ((e as { name?: string })?.name === "AbortError") {
      return new ClusterError("aborted", `${ctx.operation} on cluster "${ctx.cluster}" was cancelled`, { operation: ctx.operation });
    }
  }
  if (error instanceof TypeError && /fetch failed/.test(error.message)) {
    return new ClusterError("unreachable", `cannot reach ${server} (cluster "${ctx.cluster}"): ${String((error as { cause?: unknown }).cause ?? error.message)}`, {
      operation: ctx.operation,
    });
  }
  return new ClusterError("server_error", `${ctx.operation} on cluster "${ctx.cluster}" failed: ${(error as Error)?.message ?? String(error)}`, {
    operation: ctx.operation,
  });
}

/**
 * For API routes: a cluster's 401/403 must not read as the *Gantry user's* 401/403, so access
 * problems with the cluster become 503 with the cluster error kind in details.
 */
export function clusterErrorToAppError(error: ClusterError): AppError {
  const details = { clusterError: error.kind, ...error.details };
  switch (error.kind) {
    case "not_found":
      return new AppError("not_found", error.message, details);
    case "conflict":
      return new AppError("conflict", error.message, details);
    case "invalid_config":
    case "invalid":
      return new AppError("validation_failed", error.message, details);
    case "unsupported":
      return new AppError("invalid_state", error.message, details);
    default:
      return new AppError("unavailable", error.message, details);
  }
}
