"use client";

import { useMemo } from "react";
import { Bar, CartesianGrid, ComposedChart, Line, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { Card } from "@/components/ui/card";
import type { WeeklyPoint } from "@/lib/domain/dora/get-dora-report";
import { THRESHOLDS } from "@/lib/dora/thresholds";
import { toChartData, type ChartRow, type DurationUnit } from "./chart-data";

// Colours come from CSS variables on the grid, so the charts follow the light/dark theme.
const THEME =
  "[--dora-axis:#52525b] [--dora-grid:#e4e4e7] [--dora-primary:#4f46e5] [--dora-secondary:#0d9488] [--dora-failure:#dc2626] [--dora-threshold:#a1a1aa] " +
  "dark:[--dora-axis:#a1a1aa] dark:[--dora-grid:#27272a] dark:[--dora-primary:#818cf8] dark:[--dora-secondary:#2dd4bf] dark:[--dora-failure:#f87171] dark:[--dora-threshold:#71717a]";

const AXIS = { stroke: "var(--dora-axis)", fontSize: 11, tickLine: false } as const;
const UNIT_SUFFIX: Record<DurationUnit, string> = { minutes: "min", hours: "h", days: "d" };

type SeriesFormat = (value: number | null, row: ChartRow) => string;

interface Series {
  key: keyof ChartRow;
  name: string;
  kind: "bar" | "line";
  color: string;
  dashed?: boolean;
  format: SeriesFormat;
}

function WeekTooltip({ active, payload, series }: { active?: boolean; payload?: ReadonlyArray<{ payload?: unknown }>; series: Series[] }) {
  const row = payload?.[0]?.payload as ChartRow | undefined;
  if (!active || !row) return null;
  return (
    <div className="rounded-md border border-zinc-200 bg-white px-2.5 py-1.5 text-xs shadow-md dark:border-zinc-700 dark:bg-zinc-900">
      <p className="font-medium text-zinc-900 dark:text-zinc-100">
        Week of {row.label}
        {row.partial && <span className="font-normal text-zinc-500 dark:text-zinc-400"> (partly in the period)</span>}
      </p>
      {series.map((s) => (
        <p key={String(s.key)} className="mt-0.5 text-zinc-700 dark:text-zinc-300">
          {s.name}: <span className="font-medium tabular-nums">{s.format(row[s.key] as number | null, row)}</span>
        </p>
      ))}
    </div>
  );
}

function TrendChart({
  title,
  description,
  rows,
  series,
  yUnit,
  threshold,
  integer = false,
  testId,
}: {
  title: string;
  description: string;
  rows: ChartRow[];
  series: Series[];
  yUnit?: string;
  threshold?: { value: number; label: string };
  /** Counts: no fractional ticks. */
  integer?: boolean;
  testId: string;
}) {
  return (
    <Card className="p-4">
      <figure aria-label={`${title}: ${description}`}>
        <figcaption className="mb-2">
          <span className="block text-sm font-medium text-zinc-800 dark:text-zinc-200">{title}</span>
          <span className="block text-xs text-zinc-600 dark:text-zinc-400">{description}</span>
        </figcaption>
        <div className="h-48 w-full" data-testid={testId}>
          <ComposedChart responsive style={{ width: "100%", height: "100%" }} data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid vertical={false} stroke="var(--dora-grid)" />
            <XAxis dataKey="label" {...AXIS} interval="preserveStartEnd" minTickGap={16} />
            <YAxis {...AXIS} width={44} allowDecimals={!integer} tickFormatter={(v: number) => (yUnit ? `${v}${yUnit}` : String(v))} />
            {threshold && (
              <ReferenceLine
                y={threshold.value}
                stroke="var(--dora-threshold)"
                strokeDasharray="4 3"
                ifOverflow="extendDomain"
                label={{ value: threshold.label, position: "insideTopRight", fill: "var(--dora-axis)", fontSize: 10 }}
              />
            )}
            <Tooltip content={<WeekTooltip series={series} />} cursor={{ fill: "var(--dora-grid)", fillOpacity: 0.5 }} />
            {series.map((s) =>
              s.kind === "bar" ? (
                <Bar key={String(s.key)} dataKey={s.key} name={s.name} fill={s.color} radius={[3, 3, 0, 0]} maxBarSize={28} isAnimationActive={false} />
              ) : (
                <Line
                  key={String(s.key)}
                  dataKey={s.key}
                  name={s.name}
                  stroke={s.color}
                  strokeWidth={2}
                  strokeDasharray={s.dashed ? "4 3" : undefined}
                  dot={{ r: 2.5 }}
                  connectNulls={false}
                  isAnimationActive={false}
                />
              ),
            )}
          </ComposedChart>
        </div>
        <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-600 dark:text-zinc-400" aria-hidden>
          {series.map((s) => (
            <li key={String(s.key)} className="flex items-center gap-1.5">
              <span className="inline-block h-2 w-3 rounded-sm" style={{ background: s.color, opacity: s.dashed ? 0.6 : 1 }} />
              {s.name}
            </li>
          ))}
        </ul>
      </figure>
    </Card>
  );
}

const count = (noun: string) => (value: number | null) => `${value ?? 0} ${noun}${value === 1 ? "" : "s"}`;
const duration = (unit: DurationUnit) => (value: number | null) => (value === null ? "no data" : `${value} ${UNIT_SUFFIX[unit]}`);

/** The four weekly trends of the DORA page. */
export function DoraCharts({ weekly }: { weekly: WeeklyPoint[] }) {
  const data = useMemo(() => toChartData(weekly), [weekly]);
  const eliteFailureRate = THRESHOLDS.changeFailureRate[0].atMost * 100;
  return (
    <div className={`${THEME} grid gap-4 lg:grid-cols-2`} data-testid="dora-charts">
      <TrendChart
        title="Deployments per week"
        description="Successful production changes and the days they happened on"
        rows={data.rows}
        integer
        testId="chart-deployment-frequency"
        series={[
          { key: "deployments", name: "Deployments", kind: "bar", color: "var(--dora-primary)", format: count("deployment") },
          { key: "deployDays", name: "Deploy-days", kind: "line", color: "var(--dora-secondary)", format: count("day") },
        ]}
      />
      <TrendChart
        title={`Lead time for changes (${data.leadTimeUnit})`}
        description="Commit to first successful deployment, median and 90th percentile of the week's commits"
        rows={data.rows}
        yUnit={UNIT_SUFFIX[data.leadTimeUnit]}
        testId="chart-lead-time"
        series={[
          { key: "leadTimeMedian", name: "Median", kind: "line", color: "var(--dora-primary)", format: duration(data.leadTimeUnit) },
          { key: "leadTimeP90", name: "90th percentile", kind: "line", color: "var(--dora-secondary)", dashed: true, format: duration(data.leadTimeUnit) },
        ]}
      />
      <TrendChart
        title="Change failure rate (%)"
        description="Share of the week's changes that failed, were rolled back or caused an incident"
        rows={data.rows}
        yUnit="%"
        threshold={{ value: eliteFailureRate, label: `elite ≤ ${eliteFailureRate} %` }}
        testId="chart-change-failure-rate"
        series={[
          {
            key: "failureRatePercent",
            name: "Failure rate",
            kind: "bar",
            color: "var(--dora-failure)",
            format: (value, row) => (value === null ? "no deployments" : `${value} % (${row.failedChanges} of ${row.changes})`),
          },
        ]}
      />
      <TrendChart
        title={`Time to restore service (${data.restoreUnit})`}
        description="Median time from failure to restore of the failures that started that week"
        rows={data.rows}
        yUnit={UNIT_SUFFIX[data.restoreUnit]}
        testId="chart-time-to-restore"
        series={[
          {
            key: "restoreMedian",
            name: "Median time to restore",
            kind: "line",
            color: "var(--dora-primary)",
            format: (value, row) => (value === null ? (row.failures ? `${row.failures} not restored yet` : "no failures") : `${value} ${UNIT_SUFFIX[data.restoreUnit]} (${count("failure")(row.failures)})`),
          },
        ]}
      />
    </div>
  );
}
