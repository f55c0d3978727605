import { gaussian, hashString, poisson, uniform } from "./noise";
import type { ImageEffect } from "./workloads";

/**
 * The synthetic traffic of one pod. Time is cut into ticks of TICK_SECONDS aligned to the
 * epoch; each tick's increments (requests per status code, latency histogram, CPU seconds,
 * restarts) are a pure function of the pod's seed and the tick number. Counters are the running
 * sums of those increments from the pod's start, linear within a tick, so a counter can be read
 * at any instant and real Prometheus scraping /metrics sees the same curve the query API
 * evaluates. Prefix sums are checkpointed every CHUNK_TICKS so that reading any instant of a
 * week of history costs at most CHUNK_TICKS tick evaluations.
 */

export const TICK_SECONDS = 10;
const CHUNK_TICKS = 12;

export const STATUS_CODES = ["200", "404", "500", "503"] as const;
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 2.5, 5, 10];

export const CHANNEL = {
  code: (i: number) => i,
  bucket: (i: number) => STATUS_CODES.length + i,
  durationSum: STATUS_CODES.length + LATENCY_BUCKETS.length,
  cpuSeconds: STATUS_CODES.length + LATENCY_BUCKETS.length + 1,
  restarts: STATUS_CODES.length + LATENCY_BUCKETS.length + 2,
} as const;
export const CHANNEL_COUNT = STATUS_CODES.length + LATENCY_BUCKETS.length + 3;
/** Channels whose sum is the request count (the +Inf bucket and _count). */
export const REQUEST_CHANNELS: number[] = STATUS_CODES.map((_, i) => i);

export type TrafficProfile = {
  /** Mean requests per second of one pod over a day. */
  requestsPerSecond: number;
  /** 5xx fraction of a healthy image. */
  errorRatio: number;
  /** 404 fraction (not an error for the 5xx ratio). */
  notFoundRatio: number;
  /** Median request latency of a healthy image. */
  latencyMedianSeconds: number;
  /** Log-space spread of individual request latencies (0.45 puts p95 ≈ 2.1 × median). */
  latencySigma: number;
  cpuBaseCores: number;
  cpuSecondsPerRequest: number;
  /** Relative swing of traffic over the day (0.3 = ±30 %), peaking at 15:00 UTC. */
  dailyAmplitude: number;
  /** Log-space jitter of traffic per tick. */
  trafficJitter: number;
  /** Log-space jitter of the latency median per tick. */
  latencyJitter: number;
};

/** A plausible, stable profile per workload, so that services differ from each other. */
export function defaultProfile(key: string): TrafficProfile {
  const h = hashString(key);
  const fraction = (shift: number) => ((h >>> shift) % 1000) / 1000;
  return {
    requestsPerSecond: 8 + 12 * fraction(0),
    errorRatio: 0.003 + 0.007 * fraction(10),
    notFoundRatio: 0.02,
    latencyMedianSeconds: 0.04 + 0.08 * fraction(20),
    latencySigma: 0.45,
    cpuBaseCores: 0.02,
    cpuSecondsPerRequest: 0.004,
    dailyAmplitude: 0.3,
    trafficJitter: 0.08,
    latencyJitter: 0.06,
  };
}

const DAY = 86_400;
const PEAK = 15 / 24;
const BUCKET_LOGS = LATENCY_BUCKETS.map(Math.log);

/** The daily cycle in [-1, 1] at unix time t (seconds): +1 at 15:00 UTC, −1 at 03:00 UTC. */
export function dailyCycle(t: number): number {
  return Math.cos(2 * Math.PI * (t / DAY - PEAK));
}

/**
 * Φ(x) by Abramowitz & Stegun 7.1.26 (absolute error < 1.5e-7): plenty for synthetic bucket
 * fractions, and several times cheaper than the judge's full-precision version, which matters
 * when a week of history is summed tick by tick.
 */
function fastNormalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

export class PodModel {
  private readonly firstTick: number;
  private checkpoints = new Float64Array(CHANNEL_COUNT * 64);
  private checkpointCount = 1;
  private readonly scratch = new Float64Array(CHANNEL_COUNT);
  private readonly memo = new Map<number, Float64Array>();

  constructor(
    private readonly seed: number,
    /** Unix seconds at which the pod's counters start from zero. */
    readonly originSeconds: number,
    private readonly profile: TrafficProfile,
    private readonly effect: ImageEffect,
  ) {
    this.firstTick = Math.ceil(originSeconds / TICK_SECONDS);
  }

  /** Fills `out` with the increments of every channel during tick k. */
  increments(k: number, out: Float64Array): void {
    const p = this.profile;
    const e = this.effect;
    const s = this.seed;
    const mid = (k + 0.5) * TICK_SECONDS;
    const daily = dailyCycle(mid);
    const rate = p.requestsPerSecond * (1 + p.dailyAmplitude * daily) * Math.exp(p.trafficJitter * gaussian(s, k, 0));
    const n = poisson(rate * TICK_SECONDS, s, k, 1);
    const errorFraction = Math.min(1, Math.max(0, p.errorRatio * (1 + 0.3 * daily) + e.errorRatioBoost));
    const errors = Math.min(n, poisson(n * errorFraction, s, k, 2));
    let unavailable = 0;
    if (errors <= 200) for (let i = 0; i < errors; i++) unavailable += uniform(s, k, 100 + i) < 0.3 ? 1 : 0;
    else unavailable = Math.round(errors * 0.3);
    const notFound = Math.min(n - errors, poisson(n * p.notFoundRatio, s, k, 3));
    out[CHANNEL.code(0)] = n - errors - notFound;
    out[CHANNEL.code(1)] = notFound;
    out[CHANNEL.code(2)] = errors - unavailable;
    out[CHANNEL.code(3)] = unavailable;

    const median = p.latencyMedianSeconds * e.latencyFactor * (1 + 0.1 * daily) * Math.exp(p.latencyJitter * gaussian(s, k, 4));
    const logMedian = Math.log(median);
    for (let i = 0; i < BUCKET_LOGS.length; i++) out[CHANNEL.bucket(i)] = n * fastNormalCdf((BUCKET_LOGS[i]! - logMedian) / p.latencySigma);
    out[CHANNEL.durationSum] = n * median * Math.exp((p.latencySigma * p.latencySigma) / 2);

    const cores = (p.cpuBaseCores + p.cpuSecondsPerRequest * rate) * (e.cpuFactor ?? 1) * Math.exp(0.05 * gaussian(s, k, 5));
    out[CHANNEL.cpuSeconds] = cores * TICK_SECONDS;
    out[CHANNEL.restarts] = uniform(s, k, 6) < ((e.restartsPerHour ?? 0) * TICK_SECONDS) / 3600 ? 1 : 0;
  }

  /** Sum of increments of ticks [firstTick, k), accumulated into `out`. */
  private prefix(k: number, out: Float64Array): void {
    out.fill(0);
    if (k <= this.firstTick) return;
    const chunk = Math.floor((k - this.firstTick) / CHUNK_TICKS);
    this.ensureCheckpoints(chunk);
    out.set(this.checkpoints.subarray(chunk * CHANNEL_COUNT, (chunk + 1) * CHANNEL_COUNT));
    for (let j = this.firstTick + chunk * CHUNK_TICKS; j < k; j++) {
      this.increments(j, this.scratch);
      for (let c = 0; c < CHANNEL_COUNT; c++) out[c]! += this.scratch[c]!;
    }
  }

  private ensureCheckpoints(chunk: number): void {
    if (chunk < this.checkpointCount) return;
    if ((chunk + 1) * CHANNEL_COUNT > this.checkpoints.length) {
      const grown = new Float64Array(Math.max(this.checkpoints.length * 2, (chunk + 1) * CHANNEL_COUNT));
      grown.set(this.checkpoints);
      this.checkpoints = grown;
    }
    const running = this.checkpoints.slice((this.checkpointCount - 1) * CHANNEL_COUNT, this.checkpointCount * CHANNEL_COUNT);
    for (let c = this.checkpointCount; c <= chunk; c++) {
      const from = this.firstTick + (c - 1) * CHUNK_TICKS;
      for (let j = from; j < from + CHUNK_TICKS; j++) {
        this.increments(j, this.scratch);
        for (let ch = 0; ch < CHANNEL_COUNT; ch++) running[ch]! += this.scratch[ch]!;
      }
      this.checkpoints.set(running, c * CHANNEL_COUNT);
    }
    this.checkpointCount = chunk + 1;
  }

  /**
   * Every counter at unix time t (seconds). Counters grow linearly within a tick; the restart
   * counter is an integer that steps in the middle of a tick.
   */
  valuesAt(t: number): Float64Array {
    const cached = this.memo.get(t);
    if (cached) return cached;
    const values = new Float64Array(CHANNEL_COUNT);
    const position = t / TICK_SECONDS;
    const k = Math.floor(position);
    if (k >= this.firstTick) {
      this.prefix(k, values);
      const increment = new Float64Array(CHANNEL_COUNT);
      this.increments(k, increment);
      const fraction = position - k;
      for (let c = 0; c < CHANNEL_COUNT; c++) values[c]! += c === CHANNEL.restarts ? (fraction >= 0.5 ? increment[c]! : 0) : fraction * increment[c]!;
    }
    if (this.memo.size >= 4096) this.memo.clear();
    this.memo.set(t, values);
    return values;
  }
}
