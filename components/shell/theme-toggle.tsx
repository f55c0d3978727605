"use client";

import { Moon, Sun } from "lucide-react";
import { useEffect, useLayoutEffect, useSyncExternalStore } from "react";
import { Button } from "@/components/ui/button";
import { THEME_STORAGE_KEY } from "./theme-script";

type Theme = "light" | "dark";

function storedTheme(): Theme | null {
  try {
    const value = localStorage.getItem(THEME_STORAGE_KEY);
    return value === "light" || value === "dark" ? value : null;
  } catch {
    return null;
  }
}

const systemQuery = () => window.matchMedia("(prefers-color-scheme: dark)");

function applyTheme(dark: boolean) {
  document.documentElement.classList.toggle("dark", dark);
}

function subscribe(onChange: () => void) {
  const observer = new MutationObserver(onChange);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: ["class"] });
  return () => observer.disconnect();
}

const isDarkNow = () => document.documentElement.classList.contains("dark");

/**
 * The <head> script sets the theme before paint; this button flips and remembers it. Icons swap
 * with CSS (`dark:`) so the server render needs no knowledge of the theme.
 */
export function ThemeToggle() {
  // null on the server and during hydration; the real value right after.
  const dark = useSyncExternalStore(subscribe, isDarkNow, () => null);

  // React's dev-mode remount resets <html> attributes it does not manage; re-apply before paint.
  useLayoutEffect(() => {
    const stored = storedTheme();
    applyTheme(stored ? stored === "dark" : systemQuery().matches);
  }, []);

  // Follow the OS setting live until the user has chosen explicitly.
  useEffect(() => {
    const query = systemQuery();
    const onChange = () => {
      if (!storedTheme()) applyTheme(query.matches);
    };
    query.addEventListener("change", onChange);
    return () => query.removeEventListener("change", onChange);
  }, []);

  return (
    <Button
      variant="ghost"
      size="icon"
      aria-label="Dark theme"
      aria-pressed={dark ?? undefined}
      title={dark === null ? "Toggle theme" : dark ? "Switch to light theme" : "Switch to dark theme"}
      onClick={() => {
        const next = !isDarkNow();
        applyTheme(next);
        try {
          localStorage.setItem(THEME_STORAGE_KEY, next ? "dark" : "light");
        } catch {
          // Storage can be unavailable (private mode, policy); the toggle still works for this page.
        }
      }}
    >
      <Moon aria-hidden className="dark:hidden" />
      <Sun aria-hidden className="hidden dark:block" />
    </Button>
  );
}
