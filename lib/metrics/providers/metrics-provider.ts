/** A sample as Prometheus returns it: [unix time in seconds, value]. Values may be NaN or ±Infinity. */
export type Sample = [timeSeconds: number, value: number];

export type RangeSeries = { labels: Record<string, string>; values: Sample[] };
export type InstantSample = { labels: Record<string, string>; value: Sample };

export type QueryOptions = { signal?: AbortSignal };

/** Where metric samples come from. Implementations throw MetricsProviderError. */
export interface MetricsProvider {
  /** Evaluates `query` at start, start + step, … ≤ end. Throws `empty_result` when no series matched. */
  queryRange(query: string, start: Date, end: Date, stepSeconds: number, options?: QueryOptions): Promise<RangeSeries[]>;
  /** Evaluates `query` at one instant. Throws `empty_result` when no series matched. */
  query(query: string, time: Date, options?: QueryOptions): Promise<InstantSample[]>;
}

export type MetricsErrorKind =
  | "unreachable" // connection refused, DNS failure, reset
  | "timeout" // our deadline or the server's query timeout
  | "unauthorized" // 401/403: missing or wrong bearer token
  | "bad_query" // the server rejected the query or its parameters (Prometheus errorType bad_data)
  | "query_failed" // the server accepted the query but could not evaluate it
  | "empty_result" // the query matched no series
  | "bad_response"; // not the Prometheus JSON shape (a proxy's HTML page, garbage, wrong result type)

export class MetricsProviderError extends Error {
  constructor(
    readonly kind: MetricsErrorKind,
    message: string,
    readonly details: { status?: number; errorType?: string; query?: string; url?: string } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "MetricsProviderError";
  }
}

export function isMetricsProviderError(error: unknown, kind?: MetricsErrorKind): error is MetricsProviderError {
  return error instanceof MetricsProviderError && (kind === undefined || error.kind === kind);
}
