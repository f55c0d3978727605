import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { UserMenu } from "@/components/auth/user-menu";
import { AppShell } from "@/components/shell/app-shell";
import { getPageActor } from "@/lib/auth/page-actor";

export default async function AppLayout({ children }: { children: ReactNode }) {
  // Every page in the app needs a signed-in, enabled user; the layout cannot see the path, so pages
  // that want to come back after sign-in call requirePageActor(path) themselves.
  const actor = await getPageActor();
  if (!actor) redirect("/login");
  return <AppShell userMenu={<UserMenu actor={actor} />}>{children}</AppShell>;
}
