"use client";

import { KeyRound, LogIn } from "lucide-react";
import { signIn } from "next-auth/react";
import { useState, type FormEvent } from "react";
import { FormError } from "@/components/settings/form-error";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/form-controls";
import type { DemoUser } from "@/lib/seed/demo-users";
import { DemoUsersPanel } from "./demo-users-panel";
import { safeCallbackUrl } from "./safe-callback-url";
import { signInErrorMessage } from "./sign-in-error-message";

export interface LoginFormProps {
  callbackUrl: string;
  ssoEnabled: boolean;
  /** An error next-auth put in the URL (after a failed single sign-on round trip). */
  initialError?: string | null;
  /** Development only. */
  demoUsers?: readonly DemoUser[];
}

export function LoginForm({ callbackUrl, ssoEnabled, initialError = null, demoUsers }: LoginFormProps) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [pending, setPending] = useState<"credentials" | "oidc" | null>(null);
  const [error, setError] = useState<string | null>(signInErrorMessage(initialError, "url"));
  const destination = safeCallbackUrl(callbackUrl);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    setPending("credentials");
    setError(null);
    try {
      const result = await signIn<"credentials">("credentials", { redirect: false, email, password, callbackUrl: destination });
      if (!result || result.error || !result.ok) {
        setError(signInErrorMessage(result?.error ?? "CredentialsSignin"));
        setPending(null);
        return;
      }
      // A full navigation, so every server component renders with the new session.
      window.location.assign(destination);
    } catch {
      setError("Could not reach Gantry. Check your connection and try again.");
      setPending(null);
    }
  }

  async function singleSignOn() {
    if (pending) return;
    setPending("oidc");
    setError(null);
    await signIn("oidc", { callbackUrl: destination });
  }

  return (
    <div className="flex flex-col gap-6">
      <form onSubmit={submit} aria-label="Sign in" className="flex flex-col gap-4">
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="login-email">Email</Label>
          <Input
            id="login-email"
            name="email"
            type="email"
            autoComplete="username"
            required
            autoFocus
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="flex flex-col gap-1.5">
          <Label htmlFor="login-password">Password</Label>
          <Input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <FormError error={error ? { message: error } : null} />
        <Button type="submit" variant="primary" disabled={pending !== null} className="w-full">
          <LogIn aria-hidden />
          {pending === "credentials" ? "Signing in…" : "Sign in"}
        </Button>
      </form>
      {ssoEnabled && (
        <>
          <div className="flex items-center gap-3 text-xs text-zinc-500 dark:text-zinc-400" aria-hidden>
            <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
            or
            <span className="h-px flex-1 bg-zinc-200 dark:bg-zinc-800" />
          </div>
          <Button onClick={singleSignOn} disabled={pending !== null} className="w-full">
            <KeyRound aria-hidden />
            {pending === "oidc" ? "Redirecting…" : "Sign in with single sign-on"}
          </Button>
        </>
      )}
      {demoUsers && demoUsers.length > 0 && (
        <DemoUsersPanel
          users={demoUsers}
          onPick={(user) => {
            setEmail(user.email);
            setPassword(user.password);
            setError(null);
          }}
        />
      )}
    </div>
  );
}
