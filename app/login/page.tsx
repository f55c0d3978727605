import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { safeCallbackUrl } from "@/components/auth/safe-callback-url";
import { Logo } from "@/components/shell/logo";
import { oidcConfigured } from "@/lib/auth/auth-options";
import { getPageActor } from "@/lib/auth/page-actor";
import { DEMO_USERS } from "@/lib/seed/demo-users";

export const metadata: Metadata = { title: "Sign in" };

function firstValue(value: string | string[] | undefined) {
  return Array.isArray(value) ? value[0] : value;
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(firstValue(params.callbackUrl));
  if (await getPageActor()) redirect(callbackUrl);
  // Compared literally so production and test builds drop the demo list entirely.
  const demoUsers = process.env.NODE_ENV === "development" ? DEMO_USERS : undefined;

  return (
    <main id="main" className="flex min-h-dvh items-start justify-center px-4 py-12 sm:items-center sm:py-16">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex flex-col items-center gap-3 text-center">
          <Logo className="size-10" />
          <h1 className="text-xl font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">Sign in to Gantry</h1>
        </div>
        <div className="rounded-lg border border-zinc-200 bg-white p-5 shadow-xs sm:p-6 dark:border-zinc-800 dark:bg-zinc-900">
          <LoginForm
            callbackUrl={callbackUrl}
            ssoEnabled={oidcConfigured()}
            initialError={firstValue(params.error) ?? null}
            demoUsers={demoUsers}
          />
        </div>
      </div>
    </main>
  );
}
