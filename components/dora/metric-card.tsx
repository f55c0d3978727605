import { ArrowDownRight, ArrowUpRight, Minus } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { Change } from "@/lib/dora/classify";
import { METRIC_LABELS, type Level, type MetricKey } from "@/lib/dora/thresholds";
import { formatChange } from "./dora-format";
import { LevelBadge } from "./level-badge";

function ChangeLine({ metric, change, previousLabel }: { metric: MetricKey; change: Change; previousLabel: string }) {
  const text = formatChange(metric, change);
  if (text === null) return <p className="text-xs text-zinc-500 dark:text-zinc-400">No data in the {previousLabel} to compare with</p>;
  const Icon = change.trend === "unchanged" ? Minus : (change.delta ?? 0) > 0 ? ArrowUpRight : ArrowDownRight;
  const tone =
    change.trend === "better" ? "text-emerald-700 dark:text-emerald-400" : change.trend === "worse" ? "text-red-700 dark:text-red-400" : "text-zinc-600 dark:text-zinc-400";
  return (
    <p className="flex items-center gap-1 text-xs text-zinc-600 dark:text-zinc-400">
      <span className={cn("inline-flex items-center gap-0.5 font-medium", tone)}>
        <Icon aria-hidden className="size-3.5" />
        {text}
      </span>
      <span>
        vs the {previousLabel}
        {change.trend && change.trend !== "unchanged" && <span className="sr-only"> ({change.trend})</span>}
      </span>
    </p>
  );
}

/** One of the four keys: the headline number, its level, what it is made of, and the change. */
export function MetricCard({
  metric,
  value,
  level,
  detail,
  change,
  previousLabel,
  drillHref,
  drillLabel,
}: {
  metric: MetricKey;
  value: string;
  level: Level | null;
  detail: ReactNode;
  change: Change;
  previousLabel: string;
  drillHref: string;
  drillLabel: string;
}) {
  const id = `metric-${metric}`;
  return (
    <Card className="flex flex-col gap-2 p-4" role="group" aria-labelledby={id}>
      <div className="flex items-start justify-between gap-2">
        <h2 id={id} className="text-sm font-medium text-zinc-600 dark:text-zinc-300">
          {METRIC_LABELS[metric]}
        </h2>
        <LevelBadge level={level} />
      </div>
      <p className="text-2xl font-semibold tracking-tight text-zinc-900 tabular-nums dark:text-zinc-50" data-testid={`${metric}-value`}>
        {value}
      </p>
      <div className="text-xs text-zinc-600 dark:text-zinc-400">{detail}</div>
      <ChangeLine metric={metric} change={change} previousLabel={previousLabel} />
      <Link href={drillHref} className="mt-auto pt-1 text-xs font-medium text-indigo-700 hover:underline dark:text-indigo-300">
        {drillLabel}
      </Link>
    </Card>
  );
}
