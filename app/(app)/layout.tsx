import type { ReactNode } from "react";
import { AppShell } from "@/components/shell/app-shell";

export default function AppLayout({ children }: { children: ReactNode }) {
  // userMenu: filled in by the sign-in work.
  return <AppShell userMenu={null}>{children}</AppShell>;
}
