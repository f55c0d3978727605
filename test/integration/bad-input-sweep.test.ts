import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { ACTIONS } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { errorStatus, type ErrorCode } from "@/lib/http/errors";
import { routeDeclaration, type DeclaredSchemas, type RouteDeclaration } from "@/lib/http/route";
import { stopBoss } from "@/lib/jobs/boss";
import { callerHeaders, listRouteHandlers, startApiServer, type ApiServer, type HttpMethod } from "../helpers/api-server";
import { dbFingerprint } from "../helpers/db-fingerprint";
import {
  brokenInOnePlace,
  deeplyNestedJson,
  HOSTILE_THEMES,
  inputJsonSchema,
  notJsonText,
  plausibleValue,
  textTwist,
  themedStrings,
  wrongRootJson,
  type HostileTheme,
} from "../helpers/hostile-input";
import { createArtifact, createTeamWithService, createTokenFor, createUserWith, sessionCookie } from "../helpers/identity-fixture";
import { usePrivateDatabase } from "../helpers/private-database";

/**
 * Issue #10: malformed and hostile input at every route under app/api (found on disk, so a new
 * route is swept without touching this file), called mostly by callers who are allowed, so the
 * input reaches validation and the domain. Every answer is a 4xx in the one error shape (a GET
 * with merely odd but valid input may answer 2xx JSON), never a 5xx, and the database is unchanged.
 *
 * Deterministic: SWEEP_SEED picks the seed (printed with any failure), SWEEP_RUNS scales the runs.
 */
const SEED = Number(process.env.SWEEP_SEED ?? 20_261_010);
const RUNS_SCALE = Number(process.env.SWEEP_RUNS ?? 1);

const handlers = await listRouteHandlers();
const v1Handlers = handlers.filter((h) => h.template.startsWith("/api/v1/"));

let database: Awaited<ReturnType<typeof usePrivateDatabase>>;
let server: ApiServer;
const callers = { adminToken: "", adminCookie: "", outsiderCookie: "" };

beforeAll(async () => {
  database = await usePrivateDatabase();
  server = await startApiServer();
  const db = getDb();
  // Something for lists to return and for unknown ids to miss.
  const { service, dev } = await createTeamWithService(db, "sweep");
  const artifact = await createArtifact(db, service.id);
  const admin = await createUserWith(db, "sweep-admin", [{ role: "admin" }]);
  await db.promotion.create({ data: { environmentId: dev.id, artifactId: artifact.id, requestedById: admin.id, status: "PendingApproval" } });
  await db.incident.create({ data: { serviceId: service.id, environmentId: dev.id, title: "sweep", openedAt: new Date(Date.now() - 60_000) } });
  callers.adminToken = (await createTokenFor(db, admin.id, [...ACTIONS])).token;
  callers.adminCookie = admin.cookie;
  callers.outsiderCookie = await sessionCookie((await createUserWith(db, "sweep-outsider", [])).id);
}, 60_000);

afterAll(async () => {
  await stopBoss();
  await server?.close();
  await database?.drop();
});

// ---------------------------------------------------------------------------------------------
// Requests

type CallerKind = "adminToken" | "adminSession" | "anonymous" | "outsider" | "crossOrigin" | "badToken";

const allowedCaller = fc.constantFrom<CallerKind>("adminToken", "adminSession");
const refusedCaller = fc.constantFrom<CallerKind>("anonymous", "outsider", "crossOrigin", "badToken");

const BAD_AUTHORIZATION = [
  "Bearer",
  "Bearer gty_",
  `Bearer gty_${"a".repeat(43)}`,
  "Basic YWRtaW46YWRtaW4=",
  `Bearer ${"x".repeat(4000)}`,
  "Bearer gty_' OR 1=1 --",
  "Bearer gty_<script>",
  "Token gty_abc",
];

interface SweepRequest {
  caller: CallerKind;
  authorization: string;
  method: HttpMethod;
  path: string;
  params: Record<string, string>;
  query: string;
  body?: { text: string; contentType: string | null };
  kind: string;
}

function headersOf(request: SweepRequest): Record<string, string> {
  const { method } = request;
  const headers = (() => {
    switch (request.caller) {
      case "adminToken":
        return callerHeaders({ token: callers.adminToken }, method, server.baseUrl);
      case "adminSession":
        return callerHeaders({ cookie: callers.adminCookie }, method, server.baseUrl);
      case "outsider":
        return callerHeaders({ cookie: callers.outsiderCookie }, method, server.baseUrl);
      case "crossOrigin":
        return { ...callerHeaders({ cookie: callers.adminCookie }, method, server.baseUrl), origin: "https://evil.example" };
      case "badToken":
        return { authorization: request.authorization };
      case "anonymous":
        return {};
    }
  })();
  if (request.body?.contentType) headers["content-type"] = request.body.contentType;
  return headers;
}

function describeRequest(request: SweepRequest) {
  const cut = (s: string, n = 300) => (s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s);
  const lines = [`${request.method} ${cut(request.path + (request.query ? `?${request.query}` : ""))} as ${request.caller} [${request.kind}]`];
  if (request.caller === "badToken") lines.push(`authorization: ${cut(request.authorization, 80)}`);
  if (request.body) lines.push(`content-type: ${request.body.contentType ?? "(none)"}`, `body: ${cut(JSON.stringify(request.body.text))}`);
  return lines.join("\n  ");
}

// Long enough to be hostile, short enough that the URL stays under Node's 16 KB header limit.
const forUrl = (s: string) => s.toWellFormed().slice(0, 4000);

const BODY_LIMIT = () => env().GANTRY_MAX_BODY_BYTES;
const JSON_CONTENT_TYPES = ["application/json", "application/json; charset=utf-8", "application/merge-patch+json", null] as const;
const WRONG_CONTENT_TYPES = ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/jsonx", "image/png"];
// The same content type as the route wrapper accepts (a test mirror of its rule, to predict answers).
const ACCEPTED_CONTENT_TYPE = /^application\/([\w.+-]+\+)?json\b/i;

const paramNames = (template: string) => [...template.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1]!);

/** Path parameters of the right form (unknown ids; hostile text where any text goes), or with one of them hostile. */
function paramsArb(template: string, schemas: DeclaredSchemas, strings: fc.Arbitrary<string>, broken: boolean) {
  const names = paramNames(template);
  if (!names.length) return fc.constant({ path: template, params: {} as Record<string, string> });
  const json = schemas.params ? inputJsonSchema(schemas.params) : {};
  const typed = names.map((name) => (json.properties?.[name] ? plausibleValue(json.properties[name]!, json, 0, strings).map(String) : fc.uuid()));
  const usable = (value: fc.Arbitrary<string>) => value.map(forUrl).filter((v) => v !== "" && v !== "." && v !== "..");
  return fc
    .tuple(fc.tuple(...typed.map(usable)), fc.nat(names.length - 1), usable(strings))
    .map(([values, at, hostile]) => (broken ? values.map((v, i) => (i === at ? hostile : v)) : values))
    .map((values) => {
      let path = template;
      const params: Record<string, string> = {};
      names.forEach((name, i) => {
        params[name] = values[i]!;
        path = path.replace(new RegExp(`\\[(\\.\\.\\.)?${name}\\]`), encodeURIComponent(values[i]!));
      });
      return { path, params };
    });
}

/** A query of the right keys and types (hostile text where any text goes), or a broken one. */
function queryArb(schemas: DeclaredSchemas, strings: fc.Arbitrary<string>, broken: boolean) {
  if (!schemas.query) return broken ? strings.map((v) => new URLSearchParams([[forUrl(v), forUrl(v)]]).toString()) : fc.constant("");
  const json = inputJsonSchema(schemas.query);
  const typed = fc.oneof(
    fc.constant<[string, string][]>([]),
    plausibleValue(json, json, 0, strings).map((value) =>
      Object.entries((value ?? {}) as Record<string, unknown>).map(([k, v]) => [k, forUrl(String(v))] as [string, string]),
    ),
  );
  if (!broken) return typed.map((entries) => new URLSearchParams(entries).toString());
  const known = Object.keys(json.properties ?? {});
  const key = known.length ? fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...known) }, { weight: 1, arbitrary: strings.map(forUrl) }) : strings.map(forUrl);
  const wrongValue = fc.oneof(strings.map(forUrl), fc.constantFrom("abc", "-1", "0", "1.5", "1e3", "true", "[]", "null", "99999999999999999999"));
  return fc
    .tuple(typed, key, wrongValue, fc.constantFrom("replace", "repeat"))
    .map(([entries, k, v, how]) => (how === "repeat" ? [...entries, [k, v], [k, v]] : [...entries.filter(([e]) => e !== k), [k, v]]))
    .map((entries) => new URLSearchParams(entries).toString());
}

type Body = { text: string; contentType: string | null };

function bodyArbs(schemas: DeclaredSchemas, strings: fc.Arbitrary<string>) {
  const json = inputJsonSchema(schemas.body!);
  const fieldNames = Object.keys(json.properties ?? {});
  const field = fc.constantFrom(...(fieldNames.length ? fieldNames : ["value"]));
  const jsonType = fc.constantFrom<string | null>(...JSON_CONTENT_TYPES);
  const typedValue = plausibleValue(json, json, 0, strings);
  const asJson = (text: fc.Arbitrary<string>) => fc.tuple(text, jsonType).map(([t, contentType]): Body => ({ text: t, contentType }));
  const limit = BODY_LIMIT();
  return {
    typed: asJson(typedValue.map((v) => JSON.stringify(v) ?? "null")),
    brokenInOnePlace: asJson(typedValue.chain((v) => brokenInOnePlace(v, strings)).map((v) => JSON.stringify(v) ?? "null")),
    duplicateOrPrototypeKeys: asJson(typedValue.chain((v) => textTwist(JSON.stringify(v) ?? "null", v, strings))),
    notJson: asJson(fc.oneof(notJsonText, wrongRootJson, fc.constantFrom("", "   \n"))),
    wrongContentType: fc
      .tuple(typedValue, fc.constantFrom(...WRONG_CONTENT_TYPES))
      .map(([v, contentType]): Body => ({ text: JSON.stringify(v) ?? "null", contentType })),
    hugeOrDeep: asJson(
      fc.oneof(
        fc.tuple(field, fc.constantFrom(limit - 64, limit + 1, limit * 2)).map(([name, size]) => `{${JSON.stringify(name)}:"${"a".repeat(Math.max(0, size - name.length - 7))}"}`),
        fc.tuple(field, fc.constantFrom(64, 5_000, 100_000)).map(([name, depth]) => `{${JSON.stringify(name)}:${deeplyNestedJson(depth)}}`),
      ),
    ),
  };
}

/**
 * What is wrong with a request: one thing at a time, the rest right in form, so the one fault is
 * what the route has to deal with ("none": right in form, but carrying hostile text and unknown ids).
 */
function faultsOf(template: string, schemas: DeclaredSchemas, method: HttpMethod) {
  const faults = ["none", "caller"];
  if (paramNames(template).length) faults.push("params");
  if (schemas.query) faults.push("query");
  if (schemas.body && method !== "GET") faults.push(...Object.keys(bodyArbs(schemas, fc.constant(""))));
  return faults.filter((f) => f !== "typed");
}

function requestArb(method: HttpMethod, template: string, schemas: DeclaredSchemas, theme: HostileTheme, fault: string): fc.Arbitrary<SweepRequest> {
  const strings = themedStrings(theme);
  const bodies = schemas.body && method !== "GET" ? bodyArbs(schemas, strings) : undefined;
  const body: fc.Arbitrary<Body | undefined> = bodies ? ((bodies as Record<string, fc.Arbitrary<Body>>)[fault] ?? bodies.typed) : fc.constant(undefined);
  return fc
    .record({
      caller: fault === "caller" ? refusedCaller : allowedCaller,
      authorization: fc.constantFrom(...BAD_AUTHORIZATION),
      target: paramsArb(template, schemas, strings, fault === "params"),
      query: queryArb(schemas, strings, fault === "query"),
      body,
    })
    .map(({ caller, authorization, target, query, body }) => {
      const request: SweepRequest = { caller, authorization, method, path: target.path, params: target.params, query, body, kind: `${fault}; mostly ${theme}` };
      return Object.assign(request, { [fc.toStringMethod]: () => describeRequest(request) });
    });
}

// ---------------------------------------------------------------------------------------------
// What the answer must be

type Expectation = { code: ErrorCode; why: string } | { reachesDomain: true } | { status: number; why: string };

/** Why the route wrapper must refuse this value, if it must: the schema rejects it, or it holds a NUL (PostgreSQL text cannot). */
function refusal(schema: z.ZodType | undefined, value: unknown): string | undefined {
  if (!schema) return undefined;
  const result = schema.safeParse(value);
  if (!result.success) return "rejected by the route's schema";
  return holdsNul(result.data) ? "holds a NUL character" : undefined;
}

function holdsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\0");
  if (value === null || typeof value !== "object" || value instanceof Date) return false;
  return Object.entries(value).some(([key, item]) => key.includes("\0") || holdsNul(item));
}

/** The answer the route wrapper owes this request before any domain code runs, if any. */
function expectationFor(request: SweepRequest, { schemas, public: isPublic }: RouteDeclaration, plainStatus?: number): Expectation {
  const mutation = request.method !== "GET";
  if (plainStatus !== undefined) return { status: plainStatus, why: "the same as without any input (the route takes none)" };
  if (isPublic) return { reachesDomain: true };
  if (request.caller === "anonymous") return { code: "unauthenticated", why: "no credentials" };
  if (request.caller === "badToken") return { code: "unauthenticated", why: "malformed or unknown token" };
  if (request.caller === "crossOrigin" && mutation) return { code: "forbidden", why: "session mutation from a foreign origin" };
  if (request.caller === "outsider" || request.caller === "crossOrigin") return { reachesDomain: true };
  const paramsRefusal = refusal(schemas.params, request.params);
  if (paramsRefusal) return { code: "validation_failed", why: `path parameters ${paramsRefusal}` };
  const searchParams = new URLSearchParams(request.query);
  if (schemas.query && new Set(searchParams.keys()).size !== [...searchParams.keys()].length) {
    return { code: "validation_failed", why: "a query parameter given twice" };
  }
  const queryRefusal = refusal(schemas.query, Object.fromEntries(searchParams));
  if (queryRefusal) return { code: "validation_failed", why: `query ${queryRefusal}` };
  if (schemas.body) {
    const text = request.body?.text ?? "";
    const contentType = request.body?.contentType;
    if (Buffer.byteLength(text) > BODY_LIMIT()) return { code: "payload_too_large", why: "body over the limit" };
    if (text !== "" && contentType && !ACCEPTED_CONTENT_TYPE.test(contentType)) return { code: "unsupported_media_type", why: "not JSON" };
    let parsed: unknown = undefined;
    if (text.trim() !== "") {
      try {
        parsed = JSON.parse(text);
      } catch {
        return { code: "invalid_json", why: "body is not JSON" };
      }
    }
    const bodyRefusal = refusal(schemas.body, parsed);
    if (bodyRefusal) return { code: "validation_failed", why: `body ${bodyRefusal}` };
  }
  return { reachesDomain: true };
}

function hasPathParams(template: string) {
  return template.includes("[");
}

async function send(request: SweepRequest) {
  const response = await fetch(server.baseUrl + request.path + (request.query ? `?${request.query}` : ""), {
    method: request.method,
    redirect: "manual",
    headers: headersOf(request),
    // Bytes, so fetch adds no content type of its own.
    body: request.body ? Buffer.from(request.body.text) : undefined,
  });
  return { status: response.status, contentType: response.headers.get("content-type") ?? "", text: await response.text() };
}

const ERROR_CODES = Object.keys(errorStatus);

/** Problems with an answer, empty when it is right. */
function judge(request: SweepRequest, expectation: Expectation, answer: Awaited<ReturnType<typeof send>>): string[] {
  const problems: string[] = [];
  const { status, text, contentType } = answer;
  if ("status" in expectation) {
    if (status !== expectation.status) problems.push(`status ${status}, expected ${expectation.status}: ${expectation.why}`);
    return problems;
  }
  if (status >= 500) problems.push(`server error ${status}`);
  if (status >= 200 && status < 300) {
    if (request.method !== "GET" || !("reachesDomain" in expectation)) problems.push(`success ${status} for input that must be refused`);
    if (contentType.includes("json")) {
      try {
        JSON.parse(text);
      } catch {
        problems.push("2xx answer with a JSON content type is not JSON");
      }
    }
    return problems;
  }
  if (status < 400) problems.push(`unexpected status ${status}`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    problems.push("error answer is not JSON");
    return problems;
  }
  const error = (body as { error?: Record<string, unknown> } | null)?.error;
  const shapeOk =
    body !== null &&
    typeof body === "object" &&
    Object.keys(body).length === 1 &&
    error !== undefined &&
    typeof error === "object" &&
    Object.keys(error).every((k) => ["code", "message", "details"].includes(k)) &&
    typeof error.code === "string" &&
    ERROR_CODES.includes(error.code) &&
    typeof error.message === "string" &&
    error.message.length > 0;
  if (!shapeOk) problems.push("not the error shape { error: { code (from lib/http/errors.ts), message, details? } }");
  else if (errorStatus[error!.code as ErrorCode] !== status) problems.push(`status ${status} does not match code ${String(error!.code)}`);
  if (!contentType.includes("application/json")) problems.push(`error content type ${contentType}`);
  if ("code" in expectation && shapeOk && error!.code !== expectation.code) problems.push(`expected ${expectation.code} (${expectation.why})`);
  return problems;
}

/** FNV-1a: a stable 32-bit seed from a text. */
function seedFor(text: string) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash | 0;
}

// Faults where what the strings say matters; the others (who calls, how the body is framed) are swept once, not per kind.
const THEMED_FAULTS = new Set(["none", "params", "query", "brokenInOnePlace", "duplicateOrPrototypeKeys"]);

/** One property per fault and (where it matters) kind of hostile string, so every kind reaches every part of every route. */
async function sweep(method: HttpMethod, template: string, declaration: RouteDeclaration, plainStatus?: number) {
  for (const fault of faultsOf(template, declaration.schemas, method)) {
    if (!THEMED_FAULTS.has(fault)) await sweepOne(method, template, declaration, fault, "any", 4, plainStatus);
    else for (const theme of HOSTILE_THEMES) await sweepOne(method, template, declaration, fault, theme, fault === "none" ? 2 : 1, plainStatus);
  }
}

async function sweepOne(
  method: HttpMethod,
  template: string,
  declaration: RouteDeclaration,
  fault: string,
  theme: HostileTheme | "any",
  numRuns: number,
  plainStatus?: number,
) {
  const themes = theme === "any" ? fc.constantFrom(...HOSTILE_THEMES) : fc.constant(theme);
  const requests = themes.chain((t) => requestArb(method, template, declaration.schemas, t, fault));
  // Each property its own seed, derived from SWEEP_SEED: with one shared seed, properties of one run each would all draw alike.
  const seed = seedFor(`${SEED} ${method} ${template} ${fault} ${theme}`);
  await fc.assert(
    fc.asyncProperty(requests, async (request) => {
      const expectation = expectationFor(request, declaration, plainStatus);
      // Valid input to a route without an id could legitimately create something: not this sweep's business.
      if (method !== "GET" && "reachesDomain" in expectation && !hasPathParams(template)) return;
      const answer = await send(request);
      const problems = judge(request, expectation, answer);
      if (problems.length) {
        throw new Error(
          `${problems.join("; ")}\n  ${describeRequest(request)}\n  → ${answer.status} ${answer.text.slice(0, 500)}\n  (SWEEP_SEED=${SEED}, this property's seed ${seed})`,
        );
      }
    }),
    { seed, numRuns: Math.max(1, Math.round(numRuns * RUNS_SCALE)) },
  );
}

// ---------------------------------------------------------------------------------------------

describe("bad-input sweep", () => {
  it("finds the routes on disk, every v1 route built with route()/publicRoute()", () => {
    expect(v1Handlers.length).toBeGreaterThan(30);
    expect(v1Handlers.filter((h) => !routeDeclaration(h.handler)).map((h) => `${h.method} ${h.template}`)).toEqual([]);
  });

  for (const { method, template, handler } of v1Handlers) {
    it(`${method} ${template}`, { timeout: 120_000 }, async () => {
      const declaration = routeDeclaration(handler)!;
      // Compared per route (not to the start of the file) so one route's failure is not blamed on the next.
      const before = await dbFingerprint(database.url);
      await sweep(method, template, declaration);
      expect(await dbFingerprint(database.url), `the sweep of ${method} ${template} changed the database`).toBe(before);
    });
  }

  it("POST /api/auth/[...nextauth]: sign-in with hostile credentials", { timeout: 120_000 }, async () => {
    // Sign-in legitimately records every attempt (throttling) and audits failures: those rows, and only those, may appear.
    const signInRecords = { AuditEvent: `t.action IN ('auth.sign_in_failed', 'auth.sign_in_throttled')` };
    const before = await dbFingerprint(database.url, { exceptRows: signInRecords });
    const strings = fc.oneof(...HOSTILE_THEMES.map(themedStrings));
    const attempt = fc.record({
      email: fc.oneof(strings, strings.map((s) => `${s}@example.com`)),
      password: strings,
      ip: fc.oneof(fc.constant("203.0.113.9"), strings.map((s) => s.replace(/[\r\n\0]/g, "").toWellFormed().replace(/[^\x20-\xff]/g, "?").slice(0, 2000))),
    });
    await fc.assert(
      fc.asyncProperty(attempt, async ({ email, password, ip }) => {
        const csrf = await fetch(`${server.baseUrl}/api/auth/csrf`);
        const cookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
        const { csrfToken } = (await csrf.json()) as { csrfToken: string };
        const response = await fetch(`${server.baseUrl}/api/auth/callback/credentials`, {
          method: "POST",
          redirect: "manual",
          headers: { "content-type": "application/x-www-form-urlencoded", cookie, "x-forwarded-for": ip },
          body: new URLSearchParams({ csrfToken, email: email.toWellFormed(), password: password.toWellFormed(), json: "true" }),
        });
        const text = await response.text();
        const described = `sign-in as ${JSON.stringify(email).slice(0, 200)} from ${JSON.stringify(ip).slice(0, 100)} → ${response.status} ${text.slice(0, 300)} (SWEEP_SEED=${SEED})`;
        if (response.status >= 500) throw new Error(`server error: ${described}`);
        const error = new URL((JSON.parse(text) as { url: string }).url).searchParams.get("error");
        // The person sees our message or next-auth's code, never the text of an internal failure.
        if (error !== null && !/^(CredentialsSignin|Incorrect email or password\.|Too many failed sign-in attempts\..*)$/.test(error)) {
          throw new Error(`sign-in answered an unexpected error ${JSON.stringify(error.slice(0, 300))}: ${described}`);
        }
      }),
      { seed: seedFor(`${SEED} sign-in`), numRuns: Math.round(40 * RUNS_SCALE) },
    );
    expect(await dbFingerprint(database.url, { exceptRows: signInRecords })).toBe(before);
  });

  // Probes outside v1 (health, readiness, metrics) declare no input: whatever query and headers
  // come with a request, they answer as they answer a plain one (readiness may be 503 while another
  // session adds a migration, which is its job, not an answer to the input).
  for (const { method, template, handler } of handlers.filter((h) => !h.template.startsWith("/api/v1/") && routeDeclaration(h.handler))) {
    it(`${method} ${template}`, async () => {
      const declaration = routeDeclaration(handler)!;
      expect(declaration.schemas, "a route outside v1 that takes input: sweep it like the v1 routes").toEqual({});
      const before = await dbFingerprint(database.url);
      const plain = await fetch(server.baseUrl + template, { method });
      await plain.arrayBuffer();
      await sweep(method, template, declaration, plain.status);
      expect(await dbFingerprint(database.url)).toBe(before);
    });
  }
});
