import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS } from "@/lib/auth/permissions";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { startApiServer, type ApiServer } from "../helpers/api-server";
import { createTeamWithService, createTokenFor, createUserWith } from "../helpers/identity-fixture";

/**
 * How the route wrapper (lib/http/route.ts) treats input before any domain code: the bugs the
 * bad-input sweep found, named, plus the body limit and content-type rules it relies on.
 */
let server: ApiServer;
let token = "";
let serviceSlug = "";

beforeAll(async () => {
  server = await startApiServer();
  const db = getDb();
  serviceSlug = (await createTeamWithService(db, "parsing")).service.slug;
  const admin = await createUserWith(db, "parsing-admin", [{ role: "admin" }]);
  token = (await createTokenFor(db, admin.id, [...ACTIONS])).token;
});

afterAll(async () => {
  await server?.close();
});

async function call(method: string, path: string, init: { body?: BodyInit; headers?: Record<string, string> } = {}) {
  const response = await fetch(server.baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...init.headers },
    body: init.body,
    ...(init.body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
  return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string; details?: unknown } } };
}

const json = { "content-type": "application/json" };

describe("NUL characters (they reached PostgreSQL, which cannot store them, and answered 500)", () => {
  it("refuses one in a path parameter with 400 naming it", async () => {
    const answer = await call("GET", "/api/v1/services/a%00b");
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "validation_failed", details: [{ path: "service" }] });
  });

  it("refuses one in a query parameter", async () => {
    const answer = await call("GET", `/api/v1/incidents?service=${serviceSlug}%00`);
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "validation_failed", details: [{ path: "service" }] });
  });

  it("refuses one anywhere in a body, in a value or a key, and creates nothing", async () => {
    const title = `nul ${Date.now()}`;
    const inValue = await call("POST", "/api/v1/incidents", { headers: json, body: JSON.stringify({ service: serviceSlug, title: `${title}\u0000` }) });
    expect(inValue.status).toBe(400);
    expect(inValue.body.error).toMatchObject({ code: "validation_failed", details: [{ path: "title" }] });

    const alert = { status: "firing", startsAt: new Date().toISOString(), fingerprint: "f1", labels: { service: serviceSlug, "bad\u0000key": "x" } };
    const inKey = await call("POST", "/api/v1/webhooks/alertmanager", { headers: json, body: JSON.stringify({ alerts: [alert] }) });
    expect(inKey.status).toBe(400);
    expect(inKey.body.error).toMatchObject({ code: "validation_failed", details: [{ path: "alerts.0.labels.bad\u0000key" }] });

    expect(await getDb().incident.count({ where: { title: { startsWith: title } } })).toBe(0);
  });
});

describe("repeated query parameters (silently meant the last one)", () => {
  it("answers 400 naming the parameter", async () => {
    const answer = await call("GET", "/api/v1/promotions?status=Failed&status=Succeeded");
    expect(answer.status).toBe(400);
    expect(answer.body.error).toMatchObject({ code: "validation_failed", details: [{ path: "status" }] });
  });

  it("still accepts each parameter once", async () => {
    expect((await call("GET", "/api/v1/promotions?status=Failed&service=x")).status).toBe(200);
  });
});

describe("request bodies", () => {
  const overLimit = () => JSON.stringify({ service: serviceSlug, title: "x".repeat(env().GANTRY_MAX_BODY_BYTES) });

  it("answers 413 to a body over GANTRY_MAX_BODY_BYTES", async () => {
    const answer = await call("POST", "/api/v1/incidents", { headers: json, body: overLimit() });
    expect(answer.status).toBe(413);
    expect(answer.body.error?.code).toBe("payload_too_large");
  });

  it("answers 413 to one streamed without a Content-Length", async () => {
    const bytes = new TextEncoder().encode(overLimit());
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 64 * 1024) controller.enqueue(bytes.slice(i, i + 64 * 1024));
        controller.close();
      },
    });
    const answer = await call("POST", "/api/v1/incidents", { headers: json, body: stream });
    expect(answer.status).toBe(413);
    expect(answer.body.error?.code).toBe("payload_too_large");
  });

  it("answers 415 to a body that is not sent as JSON", async () => {
    const answer = await call("POST", "/api/v1/incidents", { headers: { "content-type": "text/plain" }, body: JSON.stringify({ service: serviceSlug, title: "t" }) });
    expect(answer.status).toBe(415);
    expect(answer.body.error?.code).toBe("unsupported_media_type");
  });

  it("answers 400 invalid_json to text that does not parse", async () => {
    const answer = await call("POST", "/api/v1/incidents", { headers: json, body: '{"service":' });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.code).toBe("invalid_json");
  });
});
