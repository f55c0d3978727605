import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { Fragment } from "react";
import type { BoardService } from "@/lib/domain/pipelines/get-pipeline-board";
import { EnvironmentStage } from "./environment-stage";

export function ServicePipeline({ service, now }: { service: BoardService; now: Date }) {
  return (
    <li
      aria-label={service.name}
      className="rounded-lg border border-zinc-200 bg-white shadow-xs dark:border-zinc-800 dark:bg-zinc-900"
    >
      <div className="flex flex-col gap-3 p-3 sm:p-4 lg:flex-row lg:gap-5">
        <div className="min-w-0 lg:w-52 lg:shrink-0 lg:pt-1">
          <h3 className="truncate text-sm font-semibold text-zinc-900 dark:text-zinc-50">
            <Link href={`/services/${service.slug}`} className="rounded-sm hover:text-indigo-700 hover:underline dark:hover:text-indigo-300">
              {service.name}
            </Link>
          </h3>
          <p className="truncate font-mono text-xs text-zinc-500 dark:text-zinc-400">{service.slug}</p>
          {service.description && (
            <p className="mt-1 line-clamp-2 text-xs text-zinc-500 dark:text-zinc-400">{service.description}</p>
          )}
        </div>
        {service.environments.length === 0 ? (
          <p className="flex flex-1 items-center rounded-md border border-dashed border-zinc-200 px-3 py-4 text-sm text-zinc-500 dark:border-zinc-700 dark:text-zinc-400">
            No environments configured yet.
          </p>
        ) : (
          <ol aria-label={`${service.name} pipeline`} className="flex min-w-0 flex-1 flex-col gap-2 sm:flex-row sm:items-stretch sm:gap-0">
            {service.environments.map((environment, index) => (
              <Fragment key={environment.id}>
                {index > 0 && (
                  <li aria-hidden className="hidden shrink-0 items-center px-1 text-zinc-300 sm:flex dark:text-zinc-600">
                    <ChevronRight className="size-4" />
                  </li>
                )}
                <EnvironmentStage service={service} environment={environment} next={service.environments[index + 1] ?? null} now={now} />
              </Fragment>
            ))}
          </ol>
        )}
      </div>
    </li>
  );
}
