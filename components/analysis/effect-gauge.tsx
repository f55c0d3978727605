import { cn } from "@/components/ui/cn";
import type { MetricDirection } from "@/lib/domain/analyses/analysis-view";
import { effectGauge } from "./analysis-format";

/**
 * The effect as a dot on a bar centred on "no change", with the tolerance marked on the harmful
 * side(s). Decorative: the numbers next to it carry the meaning.
 */
export function EffectGauge({
  effect,
  tolerance,
  direction,
  failing,
  className,
}: {
  effect: number | null;
  tolerance: number;
  direction: MetricDirection;
  /** The judge's call (an effect beyond the tolerance that is not significant still passes). */
  failing: boolean;
  className?: string;
}) {
  const gauge = effectGauge(effect, tolerance, direction);
  const pct = (v: number) => `${v * 100}%`;
  return (
    <span aria-hidden className={cn("relative inline-block h-3 w-20 shrink-0 align-middle", className)}>
      <span className="absolute inset-x-0 top-1/2 h-px -translate-y-1/2 bg-zinc-300 dark:bg-zinc-700" />
      {gauge.lowAt !== null && <span className="absolute inset-y-0 left-0 rounded-l-sm bg-red-500/10 dark:bg-red-400/10" style={{ width: pct(gauge.lowAt) }} />}
      {gauge.highAt !== null && <span className="absolute inset-y-0 right-0 rounded-r-sm bg-red-500/10 dark:bg-red-400/10" style={{ left: pct(gauge.highAt) }} />}
      <span className="absolute inset-y-0 left-1/2 w-px bg-zinc-400 dark:bg-zinc-500" />
      {gauge.lowAt !== null && <span className="absolute inset-y-0 w-px bg-amber-500" style={{ left: pct(gauge.lowAt) }} />}
      {gauge.highAt !== null && <span className="absolute inset-y-0 w-px bg-amber-500" style={{ left: pct(gauge.highAt) }} />}
      {gauge.effectAt !== null && (
        <span
          className={cn(
            "absolute top-1/2 size-2 -translate-x-1/2 -translate-y-1/2 rounded-full ring-2 ring-white dark:ring-zinc-900",
            failing ? "bg-red-600 dark:bg-red-400" : "bg-zinc-700 dark:bg-zinc-300",
          )}
          style={{ left: pct(gauge.effectAt) }}
        />
      )}
    </span>
  );
}
