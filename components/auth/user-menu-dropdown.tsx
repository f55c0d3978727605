"use client";

import { ChevronDown, KeyRound } from "lucide-react";
import Link from "next/link";
import { useEffect, useId, useRef, useState } from "react";
import { cn } from "@/components/ui/cn";
import { SignOutButton } from "./sign-out-button";

export interface UserMenuRole {
  role: string;
  scope: string;
  via: string;
  description: string;
}

export interface UserMenuUser {
  name: string;
  email: string;
  roles: UserMenuRole[];
}

export function initials(name: string, email: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length >= 2 ? words[0]![0]! + words.at(-1)![0]! : (words[0] ?? email).slice(0, 2);
  return letters.toUpperCase();
}

const itemClass = "text-zinc-700 hover:bg-zinc-100 focus-visible:bg-zinc-100 dark:text-zinc-200 dark:hover:bg-zinc-800 dark:focus-visible:bg-zinc-800";

/** The header's account button: who you are, what you may do where, your tokens, sign out. */
export function UserMenuDropdown({ user }: { user: UserMenuUser }) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setOpen(false);
        trigger.current?.focus();
      }
    };
    const onFocus = (event: FocusEvent) => {
      if (event.target instanceof Node && !root.current?.contains(event.target)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey);
    document.addEventListener("focusin", onFocus);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("focusin", onFocus);
    };
  }, [open]);

  return (
    <div ref={root} className="relative">
      <button
        ref={trigger}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`Account: ${user.name}`}
        onClick={() => setOpen((v) => !v)}
        className="flex h-9 items-center gap-1.5 rounded-md px-1.5 text-sm font-medium text-zinc-700 hover:bg-zinc-100 dark:text-zinc-200 dark:hover:bg-zinc-800"
      >
        <span aria-hidden className="flex size-7 items-center justify-center rounded-full bg-indigo-100 text-xs font-semibold text-indigo-800 dark:bg-indigo-500/20 dark:text-indigo-200">
          {initials(user.name, user.email)}
        </span>
        <span className="hidden max-w-40 truncate lg:inline">{user.name}</span>
        <ChevronDown aria-hidden className="size-4 opacity-60" />
      </button>
      {open && (
        <div
          id={panelId}
          className="absolute right-0 z-40 mt-2 w-[min(20rem,calc(100vw-1.5rem))] rounded-lg border border-zinc-200 bg-white p-1.5 shadow-lg dark:border-zinc-800 dark:bg-zinc-900"
        >
          <div className="px-2.5 pt-1.5 pb-2">
            <p className="truncate text-sm font-semibold text-zinc-900 dark:text-zinc-50">{user.name}</p>
            <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">{user.email}</p>
          </div>
          <div className="border-t border-zinc-100 px-2.5 py-2 dark:border-zinc-800">
            <h2 className="text-[11px] font-medium tracking-wide text-zinc-500 uppercase dark:text-zinc-400">Your roles</h2>
            {user.roles.length === 0 ? (
              <p className="mt-1 text-xs text-zinc-600 dark:text-zinc-400">No roles yet: ask an administrator for access.</p>
            ) : (
              <ul className="mt-1.5 flex flex-col gap-1" aria-label="Your roles">
                {user.roles.map((r, i) => (
                  <li key={`${r.role}-${r.scope}-${r.via}-${i}`} title={r.description} className="flex flex-wrap items-baseline gap-x-1.5 text-sm">
                    <span className="font-medium text-zinc-900 dark:text-zinc-100">{r.role}</span>{" "}
                    <span className="text-zinc-600 dark:text-zinc-300">on {r.scope}</span>{" "}
                    {r.via !== "direct" && <span className="text-xs text-zinc-500 dark:text-zinc-400">via team {r.via}</span>}
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div className="border-t border-zinc-100 pt-1.5 dark:border-zinc-800">
            <Link
              href="/settings/tokens"
              onClick={() => setOpen(false)}
              className={cn("flex items-center gap-2 rounded-md px-2.5 py-2 text-sm", itemClass)}
            >
              <KeyRound aria-hidden className="size-4" />
              API tokens
            </Link>
            <SignOutButton className={itemClass} />
          </div>
        </div>
      )}
    </div>
  );
}
