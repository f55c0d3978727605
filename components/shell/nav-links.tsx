"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";
import { isActive, NAV_ITEMS } from "./nav-items";

export function NavLinks({ orientation, onNavigate }: { orientation: "horizontal" | "vertical"; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <ul className={cn("flex", orientation === "horizontal" ? "items-center gap-0.5" : "flex-col gap-0.5")}>
      {NAV_ITEMS.map(({ href, label, icon: Icon }) => {
        const active = isActive(href, pathname);
        return (
          <li key={href}>
            <Link
              href={href}
              aria-current={active ? "page" : undefined}
              onClick={onNavigate}
              className={cn(
                "flex items-center gap-2 rounded-md text-sm font-medium transition-colors",
                orientation === "horizontal" ? "h-8 px-2.5" : "h-10 px-3",
                active
                  ? "bg-zinc-100 text-zinc-900 dark:bg-zinc-800 dark:text-white"
                  : "text-zinc-600 hover:bg-zinc-100/70 hover:text-zinc-900 dark:text-zinc-400 dark:hover:bg-zinc-800/60 dark:hover:text-zinc-100",
              )}
            >
              <Icon aria-hidden className={cn("size-4", active ? "text-indigo-600 dark:text-indigo-400" : "opacity-70", orientation === "horizontal" && "hidden lg:block")} />
              {label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
