import { hashString } from "./noise";
import { CHANNEL, LATENCY_BUCKETS, PodModel, REQUEST_CHANNELS, STATUS_CODES, defaultProfile, type TrafficProfile } from "./traffic-model";
import type { SandboxWorkload, WorkloadSource } from "./workloads";

export type Labels = Record<string, string>;

/** One time series: its labels (with __name__), where it lives, and its value over time. */
export type SeriesEntry = {
  labels: Labels;
  namespace: string;
  workload: string;
  /** Unix seconds: the series exists on [start, end]. */
  start: number;
  end: number;
  /** The counter's value at unix time t (seconds), for start ≤ t ≤ end. */
  valueAt(t: number): number;
};

/** The series that exist at one moment of wall time, and how to read them. */
export type SeriesCatalog = {
  /** Unix seconds; nothing exists after it. */
  now: number;
  series: SeriesEntry[];
};

function channelSum(model: PodModel, channels: readonly number[]) {
  return (t: number) => {
    const values = model.valuesAt(t);
    let sum = 0;
    for (const c of channels) sum += values[c]!;
    return sum;
  };
}

export type MetricsModelOptions = {
  /** How far back the first pods of each workload are assumed to have run; default 7 days. */
  backfillSeconds?: number;
  /** Wall clock in milliseconds; default Date.now. */
  now?: () => number;
  /** Overrides of the traffic profile per workload. */
  profile?: (workload: SandboxWorkload) => Partial<TrafficProfile> | undefined;
};

export const DEFAULT_BACKFILL_SECONDS = 7 * 86_400;
/** Pods started within this long of a workload's first pod count as its first generation. */
const FIRST_GENERATION_SECONDS = 600;
const MODEL_CACHE_LIMIT = 200;

/**
 * Turns the workload list into series. History is back-filled: the first generation of each
 * workload's pods is treated as having started `backfillSeconds` before it really did, so an
 * analysis has a pre-release window as soon as the sandbox is up.
 */
export function createMetricsModel(source: WorkloadSource, options: MetricsModelOptions = {}) {
  const backfill = options.backfillSeconds ?? DEFAULT_BACKFILL_SECONDS;
  const clock = options.now ?? Date.now;
  const models = new Map<string, PodModel>();

  function podModel(key: string, seed: number, origin: number, profile: TrafficProfile, effect: ReturnType<WorkloadSource["imageEffect"]>) {
    const cacheKey = `${key}|${origin}|${JSON.stringify(effect)}|${JSON.stringify(profile)}`;
    let model = models.get(cacheKey);
    if (model) {
      models.delete(cacheKey); // re-insert: the map's order is the LRU order
    } else {
      model = new PodModel(seed, origin, profile, effect);
      if (models.size >= MODEL_CACHE_LIMIT) models.delete(models.keys().next().value!);
    }
    models.set(cacheKey, model);
    return model;
  }

  async function snapshot(): Promise<SeriesCatalog> {
    const now = clock() / 1000;
    const workloads = await source.listWorkloads();
    const series: SeriesEntry[] = [];
    for (const workload of workloads) {
      if (workload.pods.length === 0) continue;
      const profile = { ...defaultProfile(`${workload.namespace}/${workload.name}`), ...options.profile?.(workload) };
      const earliest = Math.min(...workload.pods.map((p) => p.startedAt.getTime() / 1000));
      const container = workload.container ?? workload.name;
      for (const pod of workload.pods) {
        const started = pod.startedAt.getTime() / 1000;
        const start = started - earliest < FIRST_GENERATION_SECONDS ? started - backfill : started;
        const end = Math.min(now, pod.endedAt ? pod.endedAt.getTime() / 1000 : Infinity);
        if (start > now || end < start) continue;
        const key = `${workload.namespace}/${workload.name}/${pod.name}|${pod.imageDigest}`;
        const model = podModel(key, hashString(`${workload.namespace}/${pod.name}`), start, profile, source.imageEffect(pod.imageDigest));
        const base = { service: workload.service, namespace: workload.namespace, environment: workload.environment, pod: pod.name, ...(workload.cluster ? { cluster: workload.cluster } : {}) };
        const add = (name: string, extra: Labels, channels: readonly number[]) =>
          series.push({
            labels: { __name__: name, ...base, ...extra },
            namespace: workload.namespace,
            workload: workload.name,
            start,
            end,
            valueAt: channelSum(model, channels),
          });

        STATUS_CODES.forEach((code, i) => add("http_requests_total", { code }, [CHANNEL.code(i)]));
        LATENCY_BUCKETS.forEach((le, i) => add("http_request_duration_seconds_bucket", { le: String(le) }, [CHANNEL.bucket(i)]));
        add("http_request_duration_seconds_bucket", { le: "+Inf" }, REQUEST_CHANNELS);
        add("http_request_duration_seconds_sum", {}, [CHANNEL.durationSum]);
        add("http_request_duration_seconds_count", {}, REQUEST_CHANNELS);
        add("kube_pod_container_status_restarts_total", { container }, [CHANNEL.restarts]);
        add("container_cpu_usage_seconds_total", { container }, [CHANNEL.cpuSeconds]);
      }
    }
    return { now, series };
  }

  return { snapshot };
}

export type MetricsModel = ReturnType<typeof createMetricsModel>;
