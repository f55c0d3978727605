import { SearchX } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { buttonClasses } from "./button";
import { EmptyState } from "./empty-state";

/** A detail page's not-found answer: what is missing, why it may be, and the way back. */
export function NotFoundState({ title, back, children }: { title: string; back: { href: string; label: string }; children: ReactNode }) {
  return (
    <EmptyState
      icon={<SearchX />}
      title={title}
      action={
        <Link href={back.href} className={buttonClasses({ variant: "secondary" })}>
          {back.label}
        </Link>
      }
    >
      {children}
    </EmptyState>
  );
}
