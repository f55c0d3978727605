import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { requireRequestActor } from "@/lib/auth/request-actor";
import type { DomainContext } from "@/lib/domain/context";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { instrumented } from "@/lib/observability/instrument";
import { mapDatabaseError } from "./database-errors";
import { AppError } from "./errors";

export interface RequestContext<Params, Query, Body, A = Actor> {
  actor: A;
  /** The actor plus request facts, ready to hand to a domain verb. */
  ctx: A extends Actor ? DomainContext : DomainContext | null;
  request: Request;
  requestId: string;
  ip: string;
  params: Params;
  query: Query;
  body: Body;
}

interface RouteSchemas<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  params?: P;
  query?: Q;
  body?: B;
}

type Handler<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, A> = (
  ctx: RequestContext<z.infer<P>, z.infer<Q>, z.infer<B>, A>,
) => Promise<Response | unknown>;

type NextRouteContext = { params: Promise<Record<string, string | string[]>> };

export type DeclaredSchemas = RouteSchemas<z.ZodType, z.ZodType, z.ZodType>;

export interface RouteDeclaration {
  schemas: DeclaredSchemas;
  /** Made by `publicRoute()`: anonymous callers reach the handler. */
  public: boolean;
}

// Lets tests derive inputs from what a route really accepts instead of copying its schemas.
const declarations = new WeakMap<object, RouteDeclaration>();

/** What a handler made by `route()`/`publicRoute()` validates with; undefined for any other handler. */
export function routeDeclaration(handler: unknown): RouteDeclaration | undefined {
  return typeof handler === "function" ? declarations.get(handler) : undefined;
}

export function zodDetails(error: z.ZodError) {
  return error.issues.map((issue) => ({ path: issue.path.join("."), message: issue.message }));
}

function parseWith<T extends z.ZodType>(schema: T, value: unknown, where: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError("validation_failed", `Invalid ${where}`, zodDetails(result.error));
  const nul = pathToNul(result.data);
  if (nul !== undefined) {
    throw new AppError("validation_failed", `Invalid ${where}`, [{ path: nul, message: "Contains a NUL character (U+0000), which cannot be stored" }]);
  }
  return result.data;
}

/**
 * Where a string (value or key) holds U+0000, if anywhere. PostgreSQL text cannot hold it: a
 * query or write with one fails in the database, so such input is refused like any invalid value.
 * Iterative, so a deeply nested value that passed its schema cannot overflow the stack.
 */
function pathToNul(value: unknown): string | undefined {
  const stack: [unknown, string][] = [[value, ""]];
  while (stack.length) {
    const [current, path] = stack.pop()!;
    if (typeof current === "string") {
      if (current.includes("\0")) return path;
    } else if (Array.isArray(current)) {
      current.forEach((item, i) => stack.push([item, path ? `${path}.${i}` : String(i)]));
    } else if (current !== null && typeof current === "object" && !(current instanceof Date)) {
      for (const [key, item] of Object.entries(current)) {
        const at = path ? `${path}.${key}` : key;
        if (key.includes("\0")) return at;
        stack.push([item, at]);
      }
    }
  }
  return undefined;
}

/**
 * Query parameters are single values: `?status=a&status=b` would otherwise quietly mean `status=b`,
 * so a client expecting "a or b" would get a wrong answer instead of an error.
 */
function assertNoRepeatedQueryKeys(searchParams: URLSearchParams) {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const key of searchParams.keys()) (seen.has(key) ? repeated : seen).add(key);
  if (repeated.size) {
    throw new AppError(
      "validation_failed",
      "Invalid query parameters",
      [...repeated].map((key) => ({ path: key, message: "Given more than once; send each query parameter once" })),
    );
  }
}

async function readJsonBody(request: Request): Promise<unknown> {
  const limit = env().GANTRY_MAX_BODY_BYTES;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > limit) throw new AppError("payload_too_large", `Request body exceeds ${limit} bytes`);
  const contentType = request.headers.get("content-type") ?? "";
  if (!request.body) return undefined;
  if (contentType && !/^application\/([\w.+-]+\+)?json\b/i.test(contentType)) {
    throw new AppError("unsupported_media_type", "Send the request body as application/json");
  }
  // Read incrementally so a body without Content-Length cannot exhaust memory.
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw new AppError("payload_too_large", `Request body exceeds ${limit} bytes`);
    }
    chunks.push(value);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("invalid_json", "Request body is not valid JSON");
  }
}

/** Like Response.json, but BigInt ids (audit events) are sent as strings instead of throwing. */
export function jsonResponse(data: unknown, init: ResponseInit = {}) {
  const body = JSON.stringify(data, (_key, value: unknown) => (typeof value === "bigint" ? value.toString() : value));
  const headers = new Headers(init.headers);
  headers.set("content-type", "application/json");
  return new Response(body, { ...init, headers });
}

export function clientIp(request: Request) {
  const forwarded = request.headers.get("x-forwarded-for");
  return forwarded?.split(",")[0]?.trim() || request.headers.get("x-real-ip") || "unknown";
}

export function errorResponse(error: unknown, requestId: string): Response {
  const appError = error instanceof AppError ? error : mapDatabaseError(error);
  if (appError) {
    return Response.json(appError.toBody(), { status: appError.status, headers: { "x-request-id": requestId } });
  }
  log.error("unhandled error", {
    requestId,
    error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error),
  });
  return Response.json(
    { error: { code: "internal", message: "Something went wrong on our side", details: { requestId } } },
    { status: 500, headers: { "x-request-id": requestId } },
  );
}

function wrap<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType, A extends Actor | null>(
  schemas: RouteSchemas<P, Q, B>,
  authenticate: (request: Request) => Promise<A>,
  handler: Handler<P, Q, B, A>,
  isPublic: boolean,
) {
  const routeHandler = instrumented(async (request: Request, context?: NextRouteContext): Promise<Response> => {
    const requestId = request.headers.get("x-request-id")?.slice(0, 100) || randomUUID();
    try {
      const actor = await authenticate(request);
      const ip = clientIp(request);
      const rawParams = (await context?.params) ?? {};
      const params = schemas.params ? parseWith(schemas.params, rawParams, "path parameters") : rawParams;
      const url = new URL(request.url);
      if (schemas.query) assertNoRepeatedQueryKeys(url.searchParams);
      const rawQuery = Object.fromEntries(url.searchParams.entries());
      const query = schemas.query ? parseWith(schemas.query, rawQuery, "query parameters") : rawQuery;
      let body: unknown = undefined;
      if (schemas.body) body = parseWith(schemas.body, await readJsonBody(request), "request body");
      const ctx = actor ? { actor, requestId, ip } : null;
      const result = await handler({ actor, ctx, request, requestId, ip, params, query, body } as RequestContext<
        z.infer<P>,
        z.infer<Q>,
        z.infer<B>,
        A
      >);
      if (result instanceof Response) {
        result.headers.set("x-request-id", requestId);
        return result;
      }
      return jsonResponse(result ?? null, { headers: { "x-request-id": requestId } });
    } catch (error) {
      return errorResponse(error, requestId);
    }
  });
  declarations.set(routeHandler, { schemas, public: isPublic });
  return routeHandler;
}

/**
 * Wraps an authenticated route handler: resolves the caller (API token or session, fresh from the
 * database; 401 when anonymous), validates params, query and body with zod, runs the handler, and
 * turns every thrown error into the one error shape. Handlers return plain data (200 JSON) or a
 * Response. Authorization itself happens in the domain verb the handler calls.
 */
export function route<P extends z.ZodType = z.ZodUnknown, Q extends z.ZodType = z.ZodUnknown, B extends z.ZodType = z.ZodUnknown>(
  schemas: RouteSchemas<P, Q, B>,
  handler: Handler<P, Q, B, Actor>,
) {
  return wrap(schemas, requireRequestActor, handler, false);
}

/** Like `route`, for endpoints anonymous callers may use (health, webhooks with their own auth). */
export function publicRoute<P extends z.ZodType = z.ZodUnknown, Q extends z.ZodType = z.ZodUnknown, B extends z.ZodType = z.ZodUnknown>(
  schemas: RouteSchemas<P, Q, B>,
  handler: Handler<P, Q, B, Actor | null>,
) {
  return wrap(schemas, async () => null, handler, true);
}
