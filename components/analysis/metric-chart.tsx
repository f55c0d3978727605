"use client";

import { useMemo } from "react";
import { CartesianGrid, ComposedChart, Line, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { AnalysisMetricView, TimeWindowView } from "@/lib/domain/analyses/analysis-view";
import { formatOffset, metricChartModel, type ChartPoint } from "@/lib/domain/analyses/chart-series";
import { formatValue, type MetricUnit } from "@/lib/metrics/judge/format";
import { formatCompactValue, formatTolerance, unitNote } from "./analysis-format";

// Colours come from CSS variables set on the figure, so the chart follows the light/dark theme.
const COLORS = {
  baseline: "var(--chart-baseline)",
  canary: "var(--chart-canary)",
  grid: "var(--chart-grid)",
  axis: "var(--chart-axis)",
  window: "var(--chart-window)",
  band: "var(--chart-band)",
  deploy: "var(--chart-deploy)",
};

const THEME =
  "[--chart-axis:#52525b] [--chart-baseline:#64748b] [--chart-band:#f59e0b] [--chart-deploy:#18181b] [--chart-grid:#e4e4e7] [--chart-window:#a1a1aa] " +
  "dark:[--chart-axis:#a1a1aa] dark:[--chart-baseline:#94a3b8] dark:[--chart-deploy:#f4f4f5] dark:[--chart-grid:#27272a] dark:[--chart-window:#71717a]";

function ChartTooltip({ active, payload, unit, median }: { active?: boolean; payload?: ReadonlyArray<{ payload?: unknown }>; unit: MetricUnit; median: number | null }) {
  const point = payload?.[0]?.payload as ChartPoint | undefined;
  if (!active || !point) return null;
  const inBaseline = point.baseline !== null;
  return (
    <div className="rounded-md border border-zinc-200 bg-white px-2.5 py-1.5 text-xs shadow-md dark:border-zinc-700 dark:bg-zinc-900">
      <p className="font-mono text-zinc-500 dark:text-zinc-400">{formatOffset(point.t, true)} from deploy</p>
      <p className="mt-0.5 font-medium text-zinc-900 dark:text-zinc-100">
        {inBaseline ? "Baseline" : "Canary"}: {formatValue(point.baseline ?? point.canary, unit)}
      </p>
      {median !== null && <p className="text-zinc-500 dark:text-zinc-400">Baseline median {formatValue(median, unit)}</p>}
    </div>
  );
}

/**
 * Both windows' samples on one time axis relative to the deployment's start: the baseline before
 * 0, the canary after the rollout, the baseline median with its tolerance band across both.
 */
export function MetricChart({
  metric,
  baselineWindow,
  canaryWindow,
  deploymentStart,
  failing,
}: {
  metric: Pick<AnalysisMetricView, "name" | "unit" | "tolerance" | "direction" | "baseline" | "canary">;
  baselineWindow: TimeWindowView;
  canaryWindow: TimeWindowView;
  deploymentStart: string;
  failing: boolean;
}) {
  const model = useMemo(
    () =>
      metricChartModel({
        baseline: metric.baseline.samples,
        canary: metric.canary.samples,
        baselineWindow,
        canaryWindow,
        deploymentStart,
        baselineMedian: metric.baseline.summary.median,
        tolerance: metric.tolerance,
        direction: metric.direction,
      }),
    [metric, baselineWindow, canaryWindow, deploymentStart],
  );
  const sparse = model.points.length <= 40;
  const canaryColor = failing ? "var(--chart-canary-failing)" : COLORS.canary;

  return (
    <figure
      className={`${THEME} [--chart-canary-failing:#dc2626] [--chart-canary:#4f46e5] dark:[--chart-canary-failing:#f87171] dark:[--chart-canary:#818cf8]`}
      aria-label={`${metric.name} over time: baseline before the deployment, canary after the rollout`}
    >
      <div className="h-56 w-full @xl:h-64" data-testid="metric-chart">
        <ComposedChart
          responsive
          style={{ width: "100%", height: "100%" }}
          data={model.points}
          margin={{ top: 18, right: 12, bottom: 0, left: 0 }}
          accessibilityLayer={false}
        >
          <CartesianGrid vertical={false} stroke={COLORS.grid} />
          <ReferenceArea
            x1={model.baselineWindow[0]}
            x2={model.baselineWindow[1]}
            fill={COLORS.window}
            fillOpacity={0.1}
            ifOverflow="extendDomain"
            label={{ value: "Baseline", position: "insideTopLeft", fill: COLORS.axis, fontSize: 11 }}
          />
          <ReferenceArea
            x1={model.canaryWindow[0]}
            x2={model.canaryWindow[1]}
            fill={canaryColor}
            fillOpacity={0.07}
            ifOverflow="extendDomain"
            label={{ value: "Canary", position: "insideTopLeft", fill: COLORS.axis, fontSize: 11 }}
          />
          {model.band && model.band.high > model.band.low && (
            <ReferenceArea y1={model.band.low} y2={model.band.high} fill={COLORS.band} fillOpacity={0.14} stroke="none" ifOverflow="extendDomain" />
          )}
          {model.baselineMedian !== null && <ReferenceLine y={model.baselineMedian} stroke={COLORS.baseline} strokeDasharray="4 3" ifOverflow="extendDomain" />}
          {model.band && metric.direction !== "LowerIsWorse" && model.band.high !== model.baselineMedian && (
            <ReferenceLine y={model.band.high} stroke={COLORS.band} strokeDasharray="2 3" ifOverflow="extendDomain" />
          )}
          {model.band && metric.direction !== "HigherIsWorse" && model.band.low !== model.baselineMedian && (
            <ReferenceLine y={model.band.low} stroke={COLORS.band} strokeDasharray="2 3" ifOverflow="extendDomain" />
          )}
          <ReferenceLine x={0} stroke={COLORS.deploy} strokeWidth={1.5} label={{ value: "Deploy", position: "top", fill: COLORS.deploy, fontSize: 11, fontWeight: 600 }} />
          {model.rolloutEnd > 0 && <ReferenceLine x={model.rolloutEnd} stroke={COLORS.window} strokeDasharray="3 3" />}
          <XAxis
            dataKey="t"
            type="number"
            domain={model.xDomain}
            ticks={model.xTicks}
            tickFormatter={(t: number) => formatOffset(t)}
            stroke={COLORS.grid}
            tick={{ fill: COLORS.axis, fontSize: 11 }}
            tickLine={false}
            allowDataOverflow
          />
          <YAxis
            type="number"
            domain={model.yDomain}
            ticks={model.yTicks}
            tickFormatter={(v: number) => formatCompactValue(v, metric.unit)}
            width={70}
            stroke={COLORS.grid}
            tick={{ fill: COLORS.axis, fontSize: 11 }}
            tickLine={false}
            axisLine={false}
            allowDataOverflow
          />
          <Tooltip content={(props) => <ChartTooltip active={props.active} payload={props.payload} unit={metric.unit} median={model.baselineMedian} />} isAnimationActive={false} cursor={{ stroke: COLORS.window }} />
          <Line
            dataKey="baseline"
            name="Baseline"
            stroke={COLORS.baseline}
            strokeWidth={1.5}
            dot={sparse ? { r: 2, fill: COLORS.baseline, strokeWidth: 0 } : false}
            activeDot={{ r: 3 }}
            isAnimationActive={false}
            connectNulls={false}
          />
          <Line
            dataKey="canary"
            name="Canary"
            stroke={canaryColor}
            strokeWidth={1.75}
            dot={sparse ? { r: 2, fill: canaryColor, strokeWidth: 0 } : false}
            activeDot={{ r: 3 }}
            isAnimationActive={false}
            connectNulls={false}
          />
        </ComposedChart>
      </div>
      <figcaption className="mt-2 flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400">
        <LegendSwatch color={COLORS.baseline} label="Baseline (before deploy)" />
        <LegendSwatch color={canaryColor} label="Canary (after rollout)" />
        {model.band && (
          <span className="inline-flex items-center gap-1.5">
            <span aria-hidden className="inline-block h-2.5 w-4 rounded-sm bg-amber-400/30 ring-1 ring-amber-500/60 ring-inset" />
            Tolerance {formatTolerance(metric.tolerance, metric.direction)} of baseline median
          </span>
        )}
        <span className="text-zinc-500 dark:text-zinc-400">
          Time relative to the deployment’s start{unitNote(metric.unit) ? `; values in ${unitNote(metric.unit)}` : ""}
        </span>
      </figcaption>
    </figure>
  );
}

function LegendSwatch({ color, label }: { color: string; label: string }) {
  return (
    <span className="inline-flex items-center gap-1.5">
      <svg aria-hidden width="16" height="6" className="shrink-0">
        <line x1="0" y1="3" x2="16" y2="3" stroke={color} strokeWidth="2" />
      </svg>
      {label}
    </span>
  );
}
