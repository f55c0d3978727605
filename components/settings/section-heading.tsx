import type { ReactNode } from "react";

export function SectionHeading({ title, description, id }: { title: string; description?: ReactNode; id?: string }) {
  return (
    <div className="mb-3">
      <h2 id={id} className="text-base font-semibold text-zinc-900 dark:text-zinc-50">
        {title}
      </h2>
      {description && <p className="mt-0.5 text-sm text-zinc-500 dark:text-zinc-400">{description}</p>}
    </div>
  );
}
