import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiError, apiRequest, describeApiError } from "@/components/settings/api-client";

describe("describeApiError", () => {
  it("uses the API's message and code", () => {
    expect(describeApiError({ error: { code: "conflict", message: "A user with this email already exists" } }, 409)).toEqual({
      code: "conflict",
      message: "A user with this email already exists",
      details: undefined,
    });
  });

  it("spells out validation details", () => {
    const body = {
      error: {
        code: "validation_failed",
        message: "Invalid request body",
        details: [
          { path: "email", message: "Invalid email address" },
          { path: "", message: "send at least one field" },
        ],
      },
    };
    expect(describeApiError(body, 400).message).toBe("Invalid request body: email: Invalid email address; send at least one field");
  });

  it("explains a body that is not an API error", () => {
    expect(describeApiError(null, 502)).toEqual({ code: "http_error", message: "The server answered 502 without an explanation. Try again." });
    expect(describeApiError("<html>", 500).code).toBe("http_error");
  });
});

describe("apiRequest", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("sends JSON and returns the parsed body", async () => {
    const fetchMock = vi.fn(async () => Response.json({ team: { id: "t1" } }, { status: 201 }));
    vi.stubGlobal("fetch", fetchMock);
    await expect(apiRequest("POST", "/api/v1/teams", { slug: "core", name: "Core" })).resolves.toEqual({ team: { id: "t1" } });
    expect(fetchMock).toHaveBeenCalledWith(
      "/api/v1/teams",
      expect.objectContaining({ method: "POST", body: JSON.stringify({ slug: "core", name: "Core" }), credentials: "same-origin" }),
    );
  });

  it("throws an ApiError with status, code and message", async () => {
    vi.stubGlobal("fetch", async () => Response.json({ error: { code: "forbidden", message: 'You need the "user:manage" permission' } }, { status: 403 }));
    const error = await apiRequest("GET", "/api/v1/users").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 403, code: "forbidden", message: 'You need the "user:manage" permission' });
  });

  it("turns a network failure into a readable error", async () => {
    vi.stubGlobal("fetch", async () => {
      throw new TypeError("Failed to fetch");
    });
    await expect(apiRequest("DELETE", "/api/v1/tokens/x")).rejects.toMatchObject({ code: "network", status: 0 });
  });
});
