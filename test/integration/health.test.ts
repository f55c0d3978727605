import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiServer, type ApiServer } from "../helpers/api-server";

let server: ApiServer;
beforeAll(async () => {
  server = await startApiServer();
});
afterAll(() => server.close());

describe("GET /api/health", () => {
  it("reports the database as up over HTTP", async () => {
    const response = await fetch(`${server.baseUrl}/api/health`);
    expect(response.status).toBe(200);
    expect(response.headers.get("x-request-id")).toBeTruthy();
    const body = await response.json();
    expect(body).toMatchObject({ status: "ok", database: { status: "up" } });
    expect(typeof body.database.latencyMs).toBe("number");
  });

  it("answers 405 in the error shape for a method the route does not have", async () => {
    const response = await fetch(`${server.baseUrl}/api/health`, { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(await response.json()).toMatchObject({ error: { code: "method_not_allowed" } });
  });
});
