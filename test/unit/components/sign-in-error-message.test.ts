import { describe, expect, it } from "vitest";
import { signInErrorMessage } from "@/components/auth/sign-in-error-message";

describe("signInErrorMessage", () => {
  it("is null without an error", () => {
    expect(signInErrorMessage(null)).toBeNull();
    expect(signInErrorMessage("")).toBeNull();
  });

  it("passes our own sentences through, including the throttle wait", () => {
    expect(signInErrorMessage("Incorrect email or password.")).toBe("Incorrect email or password.");
    expect(signInErrorMessage("Too many failed sign-in attempts. Try again in 14 minutes.")).toBe(
      "Too many failed sign-in attempts. Try again in 14 minutes.",
    );
  });

  it("translates next-auth codes", () => {
    expect(signInErrorMessage("CredentialsSignin")).toBe("Incorrect email or password.");
    expect(signInErrorMessage("AccessDenied")).toMatch(/disabled/);
  });

  it("never shows free text taken from the URL", () => {
    expect(signInErrorMessage("Call +1 555 0100 to reset your password", "url")).toBe("Sign-in failed. Try again.");
    expect(signInErrorMessage("CredentialsSignin", "url")).toBe("Incorrect email or password.");
  });

  it("does not echo unknown codes", () => {
    expect(signInErrorMessage("SomethingOdd")).toBe("Sign-in failed. Try again.");
  });
});
