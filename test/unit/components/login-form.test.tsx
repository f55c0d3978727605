// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

const signIn = vi.fn();
vi.mock("next-auth/react", () => ({ signIn: (...args: unknown[]) => signIn(...args) }));

const { LoginForm } = await import("@/components/auth/login-form");
const { DEMO_USERS } = await import("@/lib/seed/demo-users");

function fillAndSubmit(email: string, password: string) {
  fireEvent.change(screen.getByLabelText("Email"), { target: { value: email } });
  fireEvent.change(screen.getByLabelText("Password"), { target: { value: password } });
  fireEvent.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("LoginForm", () => {
  const assign = vi.fn();
  beforeEach(() => {
    signIn.mockReset();
    assign.mockReset();
    vi.stubGlobal("location", { ...window.location, origin: "http://localhost", assign });
  });
  afterEach(() => {
    cleanup();
    vi.unstubAllGlobals();
  });

  it("signs in with the credentials provider and goes to the callback page", async () => {
    signIn.mockResolvedValue({ ok: true, error: null, status: 200, url: "http://localhost/audit" });
    render(<LoginForm callbackUrl="/audit" ssoEnabled={false} />);
    await act(async () => fillAndSubmit("ada@example.com", "secret-password"));
    expect(signIn).toHaveBeenCalledWith("credentials", { redirect: false, email: "ada@example.com", password: "secret-password", callbackUrl: "/audit" });
    expect(assign).toHaveBeenCalledWith("/audit");
  });

  it("never sends the browser to another site after sign-in", async () => {
    signIn.mockResolvedValue({ ok: true, error: null, status: 200, url: "http://localhost/" });
    render(<LoginForm callbackUrl="https://evil.example/" ssoEnabled={false} />);
    await act(async () => fillAndSubmit("ada@example.com", "secret-password"));
    expect(assign).toHaveBeenCalledWith("/");
  });

  it("shows the server's message, such as the throttle wait, and stays put", async () => {
    signIn.mockResolvedValue({ ok: false, error: "Too many failed sign-in attempts. Try again in 12 minutes.", status: 401, url: null });
    render(<LoginForm callbackUrl="/" ssoEnabled={false} />);
    await act(async () => fillAndSubmit("ada@example.com", "wrong"));
    expect(screen.getByRole("alert").textContent).toBe("Too many failed sign-in attempts. Try again in 12 minutes.");
    expect(assign).not.toHaveBeenCalled();
    expect((screen.getByRole("button", { name: "Sign in" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("disables the button while signing in, so a double click signs in once", async () => {
    let finish: (value: unknown) => void = () => {};
    signIn.mockReturnValue(new Promise((resolve) => (finish = resolve)));
    render(<LoginForm callbackUrl="/" ssoEnabled={false} />);
    await act(async () => fillAndSubmit("ada@example.com", "pw"));
    const button = screen.getByRole("button", { name: "Signing in…" }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    fireEvent.submit(button.closest("form")!);
    expect(signIn).toHaveBeenCalledTimes(1);
    await act(async () => finish({ ok: true, error: null, status: 200, url: "/" }));
  });

  it("offers single sign-on only when it is configured", async () => {
    const { rerender } = render(<LoginForm callbackUrl="/settings" ssoEnabled={false} />);
    expect(screen.queryByRole("button", { name: "Sign in with single sign-on" })).toBeNull();
    rerender(<LoginForm callbackUrl="/settings" ssoEnabled />);
    signIn.mockResolvedValue(undefined);
    await act(async () => fireEvent.click(screen.getByRole("button", { name: "Sign in with single sign-on" })));
    expect(signIn).toHaveBeenCalledWith("oidc", { callbackUrl: "/settings" });
  });

  it("shows a translated error from the URL but never free text from it", () => {
    render(<LoginForm callbackUrl="/" ssoEnabled initialError="AccessDenied" />);
    expect(screen.getByRole("alert").textContent).toMatch(/refused this account/);
    cleanup();
    render(<LoginForm callbackUrl="/" ssoEnabled initialError="Call 555-0100 to unlock your account" />);
    expect(screen.getByRole("alert").textContent).toBe("Sign-in failed. Try again.");
  });

  it("lists demo accounts only when given them, and a pick fills the form", () => {
    const { rerender } = render(<LoginForm callbackUrl="/" ssoEnabled={false} />);
    expect(screen.queryByText(/Demo accounts/)).toBeNull();
    rerender(<LoginForm callbackUrl="/" ssoEnabled={false} demoUsers={DEMO_USERS} />);
    const viewer = DEMO_USERS.find((u) => u.role === "viewer")!;
    fireEvent.click(screen.getByRole("button", { name: new RegExp(viewer.email) }));
    expect((screen.getByLabelText("Email") as HTMLInputElement).value).toBe(viewer.email);
    expect((screen.getByLabelText("Password") as HTMLInputElement).value).toBe(viewer.password);
  });
});
