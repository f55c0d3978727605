import { readdirSync, statSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { NextRequest } from "next/server";
import { requestScope } from "./next-request-scope";

/**
 * Serves the route handlers under app/api over real HTTP, the way Next.js maps them
 * (`[param]` and `[...rest]` segments), so integration tests exercise parsing, headers, status
 * codes and bodies exactly as a client sees them, without a Next.js build per test run.
 */
const APP_DIR = path.resolve(import.meta.dirname, "../../app");

interface RouteFile {
  file: string;
  pattern: RegExp;
  paramNames: string[];
  catchAll: Set<string>;
}

export function listRouteFiles(dir = path.join(APP_DIR, "api")): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) found.push(...listRouteFiles(full));
    else if (entry === "route.ts") found.push(full);
  }
  return found;
}

/** The URL template of a route file, e.g. `/api/v1/promotions/[id]`. */
export function routeTemplate(file: string) {
  return "/" + path.relative(APP_DIR, path.dirname(file)).split(path.sep).filter((s) => !/^\(.*\)$/.test(s)).join("/");
}

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Every route handler under app/api: file, URL template, method and the exported handler. */
export async function listRouteHandlers() {
  const handlers: { file: string; template: string; method: HttpMethod; handler: unknown }[] = [];
  for (const file of listRouteFiles()) {
    const mod = (await import(file)) as Record<string, unknown>;
    for (const method of HTTP_METHODS) {
      if (typeof mod[method] === "function") handlers.push({ file, template: routeTemplate(file), method, handler: mod[method] });
    }
  }
  return handlers;
}

/**
 * Headers a caller sends: an API token, or a session cookie plus the Origin a browser adds to
 * mutations (the same-origin guard refuses session mutations without it).
 */
export function callerHeaders(caller: { token: string } | { cookie: string } | null, method: string, baseUrl: string): Record<string, string> {
  if (!caller) return {};
  if ("token" in caller) return { authorization: `Bearer ${caller.token}` };
  return method === "GET" ? { cookie: caller.cookie } : { cookie: caller.cookie, origin: baseUrl };
}

function compile(file: string): RouteFile {
  const paramNames: string[] = [];
  const catchAll = new Set<string>();
  const segments = routeTemplate(file)
    .split("/")
    .filter(Boolean)
    .map((segment) => {
      const rest = /^\[\.\.\.(\w+)\]$/.exec(segment);
      if (rest) {
        paramNames.push(rest[1]!);
        catchAll.add(rest[1]!);
        return "(.+)";
      }
      const param = /^\[(\w+)\]$/.exec(segment);
      if (param) {
        paramNames.push(param[1]!);
        return "([^/]+)";
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    });
  return { file, pattern: new RegExp(`^/${segments.join("/")}/?$`), paramNames, catchAll };
}

// Static segments win over dynamic ones, as in Next.js.
const routes = listRouteFiles()
  .map(compile)
  .sort((a, b) => a.paramNames.length - b.paramNames.length);

type Handler = (request: Request, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

async function dispatch(request: Request): Promise<Response> {
  const url = new URL(request.url);
  for (const route of routes) {
    const match = route.pattern.exec(url.pathname);
    if (!match) continue;
    const params: Record<string, string | string[]> = {};
    route.paramNames.forEach((name, i) => {
      const raw = match[i + 1]!;
      params[name] = route.catchAll.has(name) ? raw.split("/").map(decodeURIComponent) : decodeURIComponent(raw);
    });
    const mod = (await import(route.file)) as Record<string, Handler | undefined>;
    const handler = mod[request.method];
    if (!handler) return Response.json({ error: { code: "method_not_allowed", message: "Method not allowed" } }, { status: 405 });
    return requestScope.run(request, () => handler(request, { params: Promise.resolve(params) }));
  }
  return Response.json({ error: { code: "not_found", message: "No such route" } }, { status: 404 });
}

export interface ApiServer {
  baseUrl: string;
  close(): Promise<void>;
}

export async function startApiServer(): Promise<ApiServer> {
  const server = http.createServer(async (req, res) => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks);
      const headers = new Headers();
      for (const [key, value] of Object.entries(req.headers)) {
        if (Array.isArray(value)) value.forEach((v) => headers.append(key, v));
        else if (value !== undefined) headers.set(key, value);
      }
      // Next.js hands route handlers a NextRequest (some libraries, e.g. next-auth, rely on nextUrl).
      const request = new NextRequest(`http://${req.headers.host}${req.url}`, {
        method: req.method,
        headers,
        body: req.method === "GET" || req.method === "HEAD" || body.length === 0 ? undefined : body,
      });
      const response = await dispatch(request);
      res.statusCode = response.status;
      response.headers.forEach((value, key) => key !== "set-cookie" && res.setHeader(key, value));
      const cookies = response.headers.getSetCookie();
      if (cookies.length) res.setHeader("set-cookie", cookies);
      res.end(Buffer.from(await response.arrayBuffer()));
    } catch (error) {
      res.statusCode = 599; // the harness itself failed: never a status the app could return
      res.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
