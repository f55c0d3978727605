import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";
import { securityHeaders } from "@/lib/http/security-headers";

function issuesOf(source: Record<string, string>) {
  try {
    parseEnv(source);
  } catch (error) {
    if (error instanceof EnvError) return error;
  }
  return undefined;
}

describe("environment", () => {
  it("applies defaults for a bare development environment", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ NODE_ENV: "development", PORT: 3000, GANTRY_DATA_DIR: ".data", GANTRY_DEMO_DATA: true });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("names the variable that is malformed", () => {
    const error = issuesOf({ PORT: "eighty", DATABASE_URL: "mysql://x" });
    expect(error?.issues.map((i) => i.variable).sort()).toEqual(["DATABASE_URL", "PORT"]);
    expect(error?.message).toContain("DATABASE_URL: must be a postgresql:// URL");
  });

  it("requires NEXTAUTH_SECRET in production, and a 32-byte encryption key", () => {
    expect(issuesOf({ NODE_ENV: "production" })?.message).toContain("NEXTAUTH_SECRET: is required in production");
    expect(issuesOf({ GANTRY_ENCRYPTION_KEY: Buffer.alloc(16).toString("base64") })?.issues[0]?.variable).toBe("GANTRY_ENCRYPTION_KEY");
    expect(() => parseEnv({ NODE_ENV: "production", NEXTAUTH_SECRET: "x".repeat(32) })).not.toThrow();
  });

  it("wants OIDC configured completely or not at all", () => {
    expect(issuesOf({ OIDC_ISSUER: "https://id.example.com" })?.issues[0]?.variable).toBe("OIDC_ISSUER");
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", PORT: "" }).PORT).toBe(3000);
  });
});

describe("security headers", () => {
  it("never allow eval in production and forbid framing", () => {
    const production = Object.fromEntries(securityHeaders("production").map((h) => [h.key, h.value]));
    expect(production["Content-Security-Policy"]).not.toContain("unsafe-eval");
    expect(production["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(production["X-Content-Type-Options"]).toBe("nosniff");
    expect(Object.fromEntries(securityHeaders("development").map((h) => [h.key, h.value]))["Content-Security-Policy"]).toContain("unsafe-eval");
  });
});
