/**
 * Gantry's own metrics, kept in-process and rendered by hand as Prometheus text exposition
 * (format 0.0.4). Each process (web replica, worker) has its own registry; Prometheus sums them.
 */

export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

type Labels = Record<string, string>;

interface HistogramSeries {
  labels: Labels;
  buckets: number[];
  sum: number;
  count: number;
}

interface Registry {
  httpDuration: Map<string, HistogramSeries>;
  clusterErrors: Map<string, number>;
}

// On globalThis: Next.js may load this module once per route bundle, and all of them must share one registry.
const KEY = Symbol.for("gantry.observability.registry");
function registry(): Registry {
  const holder = globalThis as { [KEY]?: Registry };
  holder[KEY] ??= { httpDuration: new Map(), clusterErrors: new Map() };
  return holder[KEY];
}

const labelKey = (labels: Labels) => JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));

export function observeHttpRequest(labels: { route: string; method: string; status: string }, seconds: number) {
  const map = registry().httpDuration;
  const key = labelKey(labels);
  let series = map.get(key);
  if (!series) {
    series = { labels: { ...labels }, buckets: DURATION_BUCKETS.map(() => 0), sum: 0, count: 0 };
    map.set(key, series);
  }
  DURATION_BUCKETS.forEach((bound, i) => {
    if (seconds <= bound) series.buckets[i]! += 1;
  });
  series.sum += seconds;
  series.count += 1;
}

export function countClusterApiError(kind: string) {
  const map = registry().clusterErrors;
  map.set(kind, (map.get(kind) ?? 0) + 1);
}

/** Distinct `route` label values seen so far (the cardinality cap needs it). */
export function knownRouteCount() {
  return new Set([...registry().httpDuration.values()].map((s) => s.labels.route)).size;
}

export function isKnownRoute(route: string) {
  for (const s of registry().httpDuration.values()) if (s.labels.route === route) return true;
  return false;
}

export function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

export function formatValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}

export function formatLabels(labels: Labels): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return "";
  return `{${entries.map(([k, v]) => `${k}="${escapeLabelValue(v)}"`).join(",")}}`;
}

export interface Family {
  name: string;
  type: "counter" | "gauge" | "histogram";
  help: string;
  samples: Array<{ name?: string; labels: Labels; value: number }>;
}

export function renderFamilies(families: Family[]): string {
  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${family.help}`, `# TYPE ${family.name} ${family.type}`);
    for (const sample of family.samples) {
      lines.push(`${sample.name ?? family.name}${formatLabels(sample.labels)} ${formatValue(sample.value)}`);
    }
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}

/** The in-process families: request durations and cluster API errors. */
export function processFamilies(): Family[] {
  const { httpDuration, clusterErrors } = registry();
  const histogram: Family = {
    name: "gantry_http_request_duration_seconds",
    type: "histogram",
    help: "API request duration, by route (ids replaced by :id), method and status.",
    samples: [],
  };
  for (const series of httpDuration.values()) {
    DURATION_BUCKETS.forEach((bound, i) => {
      histogram.samples.push({ name: `${histogram.name}_bucket`, labels: { ...series.labels, le: String(bound) }, value: series.buckets[i]! });
    });
    histogram.samples.push({ name: `${histogram.name}_bucket`, labels: { ...series.labels, le: "+Inf" }, value: series.count });
    histogram.samples.push({ name: `${histogram.name}_sum`, labels: series.labels, value: series.sum });
    histogram.samples.push({ name: `${histogram.name}_count`, labels: series.labels, value: series.count });
  }
  const errors: Family = {
    name: "gantry_cluster_api_errors_total",
    type: "counter",
    help: "Failed Kubernetes API calls seen by this process, by error kind.",
    samples: [...clusterErrors.entries()].map(([kind, value]) => ({ labels: { kind }, value })),
  };
  return [histogram, errors];
}
