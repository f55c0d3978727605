import type { SeriesCatalog } from "./series-catalog";

export const EXPOSITION_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

const FAMILIES: Array<{ family: string; type: string; help: string; names: string[] }> = [
  { family: "http_requests_total", type: "counter", help: "HTTP requests served, by status code.", names: ["http_requests_total"] },
  {
    family: "http_request_duration_seconds",
    type: "histogram",
    help: "HTTP request latency.",
    names: ["http_request_duration_seconds_bucket", "http_request_duration_seconds_sum", "http_request_duration_seconds_count"],
  },
  { family: "kube_pod_container_status_restarts_total", type: "counter", help: "Container restarts.", names: ["kube_pod_container_status_restarts_total"] },
  { family: "container_cpu_usage_seconds_total", type: "counter", help: "CPU time consumed, in seconds.", names: ["container_cpu_usage_seconds_total"] },
];

function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/"/g, '\\"');
}

export function formatSampleValue(value: number): string {
  if (Number.isNaN(value)) return "NaN";
  if (value === Infinity) return "+Inf";
  if (value === -Infinity) return "-Inf";
  return String(value);
}

/**
 * The Prometheus text exposition (format 0.0.4) of every series alive now, optionally only of
 * one namespace or one workload. No timestamps: the scraper stamps the samples.
 */
export function renderExposition(catalog: SeriesCatalog, filter: { namespace?: string; workload?: string } = {}): string {
  const t = catalog.now;
  const alive = catalog.series.filter(
    (s) => s.start <= t && s.end >= t && (!filter.namespace || s.namespace === filter.namespace) && (!filter.workload || s.workload === filter.workload),
  );
  const lines: string[] = [];
  for (const family of FAMILIES) {
    const members = alive.filter((s) => family.names.includes(s.labels.__name__!));
    if (members.length === 0) continue;
    lines.push(`# HELP ${family.family} ${family.help}`, `# TYPE ${family.family} ${family.type}`);
    // Catalog order keeps each pod's buckets, _sum and _count together, as client libraries do.
    for (const s of members) {
      const labels = Object.entries(s.labels)
        .filter(([k]) => k !== "__name__")
        .map(([k, v]) => `${k}="${escapeLabelValue(v)}"`)
        .join(",");
      lines.push(`${s.labels.__name__}{${labels}} ${formatSampleValue(s.valueAt(t))}`);
    }
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}
