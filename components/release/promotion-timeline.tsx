import {
  Ban,
  CheckCircle2,
  Circle,
  CircleDot,
  Hourglass,
  Loader2,
  OctagonX,
  RotateCcw,
  Rocket,
  Send,
  Snowflake,
  ThumbsDown,
  ThumbsUp,
  XCircle,
  type LucideIcon,
} from "lucide-react";
import { cn } from "@/components/ui/cn";
import { formatAbsoluteTime } from "@/components/ui/format";
import { RelativeTime } from "@/components/ui/relative-time";
import type { TimelineEntry, TimelineTone } from "./promotion-model";

const ICONS: Record<TimelineEntry["icon"], LucideIcon> = {
  request: Send,
  approve: ThumbsUp,
  reject: ThumbsDown,
  queued: Hourglass,
  deploy: Rocket,
  success: CheckCircle2,
  failure: XCircle,
  abort: OctagonX,
  rollback: RotateCcw,
  freeze: Snowflake,
  superseded: Ban,
  progress: Loader2,
  event: CircleDot,
};

const TONES: Record<TimelineTone, string> = {
  neutral: "bg-zinc-100 text-zinc-600 ring-zinc-200 dark:bg-zinc-800 dark:text-zinc-300 dark:ring-zinc-700",
  info: "bg-sky-50 text-sky-700 ring-sky-200 dark:bg-sky-500/15 dark:text-sky-300 dark:ring-sky-500/30",
  progress: "bg-indigo-50 text-indigo-700 ring-indigo-200 dark:bg-indigo-500/15 dark:text-indigo-300 dark:ring-indigo-500/30",
  success: "bg-emerald-50 text-emerald-700 ring-emerald-200 dark:bg-emerald-500/15 dark:text-emerald-300 dark:ring-emerald-500/30",
  warning: "bg-amber-50 text-amber-700 ring-amber-200 dark:bg-amber-500/15 dark:text-amber-300 dark:ring-amber-500/30",
  danger: "bg-red-50 text-red-700 ring-red-200 dark:bg-red-500/15 dark:text-red-300 dark:ring-red-500/30",
};

export function PromotionTimeline({ entries, now }: { entries: TimelineEntry[]; now: Date }) {
  if (entries.length === 0) {
    return (
      <p className="flex items-center gap-2 text-sm text-zinc-500 dark:text-zinc-400">
        <Circle aria-hidden className="size-3" /> Nothing recorded yet.
      </p>
    );
  }
  return (
    <ol aria-label="Timeline" className="relative">
      {entries.map((entry, index) => {
        const Icon = ICONS[entry.icon];
        const last = index === entries.length - 1;
        return (
          <li key={entry.key} className="relative flex gap-3 pb-5 last:pb-0" aria-current={entry.current ? "step" : undefined}>
            {!last && <span aria-hidden className="absolute top-7 bottom-0 left-[13px] w-px bg-zinc-200 dark:bg-zinc-800" />}
            <span aria-hidden className={cn("relative z-10 flex size-7 shrink-0 items-center justify-center rounded-full ring-1", TONES[entry.tone])}>
              <Icon className={cn("size-3.5", entry.current && "motion-safe:animate-spin")} />
            </span>
            <div className="min-w-0 flex-1 pt-0.5">
              <div className="flex flex-wrap items-baseline justify-between gap-x-3 gap-y-0.5">
                <p className="text-sm text-zinc-900 dark:text-zinc-100">
                  <span className="font-medium">{entry.title}</span>
                  {entry.actor && <span className="text-zinc-500 dark:text-zinc-400"> · {entry.actor}</span>}
                </p>
                {entry.at && (
                  <span className="text-xs whitespace-nowrap text-zinc-500 dark:text-zinc-400">
                    <RelativeTime date={new Date(entry.at)} now={now} />
                    <span className="sr-only"> ({formatAbsoluteTime(new Date(entry.at))})</span>
                  </span>
                )}
              </div>
              {entry.detail && <p className="mt-0.5 text-xs break-words text-zinc-500 dark:text-zinc-400">{entry.detail}</p>}
              {entry.quote && (
                <blockquote className="mt-1.5 rounded-md border-l-2 border-zinc-300 bg-zinc-50 px-3 py-1.5 text-sm break-words whitespace-pre-wrap text-zinc-700 dark:border-zinc-600 dark:bg-zinc-800/50 dark:text-zinc-300">
                  {entry.quote}
                </blockquote>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
