import Link from "next/link";
import type { ReactNode } from "react";
import { Logo } from "./logo";
import { MobileNav } from "./mobile-nav";
import { NavLinks } from "./nav-links";
import { ThemeToggle } from "./theme-toggle";

/**
 * The frame around every signed-in page: header with navigation, theme toggle and the user menu
 * (`userMenu` is filled by the session layer), then the page itself in <main>.
 */
export function AppShell({ children, userMenu }: { children: ReactNode; userMenu?: ReactNode }) {
  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium text-zinc-900 shadow-lg focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus:z-50 dark:bg-zinc-800 dark:text-zinc-100"
      >
        Skip to content
      </a>
      <header className="sticky top-0 z-30 border-b border-zinc-200 bg-white/85 backdrop-blur supports-[backdrop-filter]:bg-white/75 dark:border-zinc-800 dark:bg-zinc-950/85 dark:supports-[backdrop-filter]:bg-zinc-950/70">
        <div className="mx-auto flex h-14 max-w-screen-2xl items-center gap-2 px-3 sm:px-6 lg:px-8">
          <MobileNav />
          <Link href="/" className="mr-3 flex items-center gap-2 rounded-md text-[15px] font-semibold tracking-tight text-zinc-900 dark:text-zinc-50">
            <Logo />
            Gantry
          </Link>
          <nav aria-label="Main" className="hidden md:block">
            <NavLinks orientation="horizontal" />
          </nav>
          <div className="ml-auto flex items-center gap-1.5">
            <ThemeToggle />
            {userMenu}
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-screen-2xl flex-1 px-4 py-6 outline-none sm:px-6 sm:py-8 lg:px-8">
        {children}
      </main>
    </div>
  );
}
