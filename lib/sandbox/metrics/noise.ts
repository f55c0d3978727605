/**
 * Deterministic noise: every value is a pure function of (seed, tick, channel), so any instant
 * of the back-filled history can be recomputed on demand and /metrics agrees with the query API.
 */

export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function mix(a: number, b: number, c: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35) ^ Math.imul(c + 0x165667b1, 0x27d4eb2f);
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d);
  h ^= h >>> 15;
  h = Math.imul(h, 0x846ca68b);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform in (0, 1). */
export function uniform(seed: number, tick: number, channel: number): number {
  return (mix(seed, tick, channel) + 0.5) / 4294967296;
}

/** Standard normal (Box-Muller over two uniforms). */
export function gaussian(seed: number, tick: number, channel: number): number {
  const u = uniform(seed, tick, channel * 2);
  const v = uniform(seed, tick, channel * 2 + 1);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Poisson count with mean lambda: inversion for small lambda, rounded normal beyond 40. */
export function poisson(lambda: number, seed: number, tick: number, channel: number): number {
  if (!(lambda > 0)) return 0;
  if (lambda > 40) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * gaussian(seed, tick, channel)));
  const u = uniform(seed, tick, channel);
  let k = 0;
  let p = Math.exp(-lambda);
  let cumulative = p;
  while (u > cumulative && k < 1000) {
    k++;
    p *= lambda / k;
    cumulative += p;
  }
  return k;
}
