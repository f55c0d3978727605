import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";

/** A page whose capability is planned: says what it will show and what brings it. */
export function ComingSoon({
  title,
  description,
  icon,
  capability,
  points,
}: {
  title: string;
  description: string;
  icon: ReactNode;
  capability: string;
  points: { title: string; body: string }[];
}) {
  return (
    <>
      <PageHeader title={title} description={description} />
      <Card className="overflow-hidden">
        <div className="flex flex-col gap-4 border-b border-zinc-200 px-5 py-5 sm:flex-row sm:items-center dark:border-zinc-800">
          <div aria-hidden className="flex size-10 shrink-0 items-center justify-center rounded-lg bg-indigo-50 text-indigo-600 dark:bg-indigo-500/10 dark:text-indigo-400 [&_svg]:size-5">
            {icon}
          </div>
          <div className="min-w-0">
            <p className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">Not available yet</p>
            <p className="mt-0.5 text-sm text-zinc-500 dark:text-zinc-400">
              This page arrives with <span className="font-medium text-zinc-700 dark:text-zinc-200">{capability}</span>.
            </p>
          </div>
        </div>
        <ul className="grid gap-px bg-zinc-200 sm:grid-cols-2 lg:grid-cols-4 dark:bg-zinc-800">
          {points.map((point) => (
            <li key={point.title} className="bg-white px-5 py-4 dark:bg-zinc-900">
              <p className="text-sm font-medium text-zinc-900 dark:text-zinc-100">{point.title}</p>
              <p className="mt-1 text-sm text-zinc-500 dark:text-zinc-400">{point.body}</p>
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
