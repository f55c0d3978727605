import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "@/components/auth/safe-callback-url";

describe("safeCallbackUrl", () => {
  it("keeps same-origin relative paths with their query", () => {
    expect(safeCallbackUrl("/settings/tokens")).toBe("/settings/tokens");
    expect(safeCallbackUrl("/audit?action=user.create&cursor=12")).toBe("/audit?action=user.create&cursor=12");
  });

  it("falls back to / when missing", () => {
    expect(safeCallbackUrl(null)).toBe("/");
    expect(safeCallbackUrl(undefined)).toBe("/");
    expect(safeCallbackUrl("")).toBe("/");
  });

  it.each([
    "https://evil.example/phish",
    "//evil.example/phish",
    "/\\evil.example",
    "javascript:alert(1)",
    "settings",
    "/\tx",
    "/a\\b",
  ])("refuses %s", (url) => {
    expect(safeCallbackUrl(url)).toBe("/");
  });

  it("does not loop back to the login page", () => {
    expect(safeCallbackUrl("/login")).toBe("/");
    expect(safeCallbackUrl("/login?callbackUrl=%2Faudit")).toBe("/");
  });
});
