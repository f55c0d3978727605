/**
 * Gantry's own metrics, kept in-process and rendered by hand as Prometheus text exposition
 * (format 0.0.4). Each process (web replica, worker) has its own registry; Prometheus sums them.
 */

export const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;
/** Job runs last from milliseconds (a notification) to the rollout timeout (a promotion watching its rollout). */
export const JOB_DURATION_BUCKETS = [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 900, 3600] as const;

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
  jobDuration: Map<string, HistogramSeries>;
}

// On globalThis: Next.js may load this module once per route bundle, and all of them must share one registry.
const KEY = Symbol.for("gantry.observability.registry");
function registry(): Registry {
  const holder = globalThis as { [KEY]?: Registry };
  holder[KEY] ??= { httpDuration: new Map(), clusterErrors: new Map(), jobDuration: new Map() };
  // A registry made by an older build of this module (dev hot reload) lacks the newer maps.
  holder[KEY].jobDuration ??= new Map();
  return holder[KEY];
}

const labelKey = (labels: Labels) => JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));

function observe(map: Map<string, HistogramSeries>, bounds: readonly number[], labels: Labels, seconds: number) {
  const key = labelKey(labels);
  let series = map.get(key);
  if (!series) {
    series = { labels: { ...labels }, buckets: bounds.map(() => 0), sum: 0, count: 0 };
    map.set(key, series);
  }
  bounds.forEach((bound, i) => {
    if (seconds <= bound) series.buckets[i]! += 1;
  });
  series.sum += seconds;
  series.count += 1;
}

export function observeHttpRequest(labels: { route: string; method: string; status: string }, seconds: number) {
  observe(registry().httpDuration, DURATION_BUCKETS, labels, seconds);
}

/**
 * One run of a background job handler. `outcome`: completed; deferred (it asked to run again
 * later, e.g. a verification whose canary window is still open); failed (it threw, pg-boss retries).
 */
export type JobOutcome = "completed" | "deferred" | "failed";

export function observeJobRun(labels: { queue: string; outcome: JobOutcome }, seconds: number) {
  observe(registry().jobDuration, JOB_DURATION_BUCKETS, labels, seconds);
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

function histogramFamily(name: string, help: string, bounds: readonly number[], series: Iterable<HistogramSeries>): Family {
  const family: Family = { name, type: "histogram", help, samples: [] };
  for (const s of series) {
    bounds.forEach((bound, i) => {
      family.samples.push({ name: `${name}_bucket`, labels: { ...s.labels, le: String(bound) }, value: s.buckets[i]! });
    });
    family.samples.push({ name: `${name}_bucket`, labels: { ...s.labels, le: "+Inf" }, value: s.count });
    family.samples.push({ name: `${name}_sum`, labels: s.labels, value: s.sum });
    family.samples.push({ name: `${name}_count`, labels: s.labels, value: s.count });
  }
  return family;
}

/** The in-process families: request durations, cluster API errors and background job runs. */
export function processFamilies(): Family[] {
  const { httpDuration, clusterErrors, jobDuration } = registry();
  const errors: Family = {
    name: "gantry_cluster_api_errors_total",
    type: "counter",
    help: "Failed Kubernetes API calls seen by this process, by error kind.",
    samples: [...clusterErrors.entries()].map(([kind, value]) => ({ labels: { kind }, value })),
  };
  return [
    histogramFamily("gantry_http_request_duration_seconds", "API request duration, by route (ids replaced by :id), method and status.", DURATION_BUCKETS, httpDuration.values()),
    errors,
    histogramFamily(
      "gantry_job_run_duration_seconds",
      "Background job handler runs in this process and their duration, by pg-boss queue and outcome (completed, deferred, failed).",
      JOB_DURATION_BUCKETS,
      jobDuration.values(),
    ),
  ];
}
