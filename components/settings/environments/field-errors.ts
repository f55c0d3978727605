/**
 * Turns the API's validation details (`[{ path: "verificationTemplate.metrics.0.query", message }]`)
 * into messages keyed by field path, so each one shows next to its control.
 */
export interface FieldErrors {
  /** Message per path (relative to `prefix`); the first message wins when a path has several. */
  byPath: Record<string, string>;
  /** Validation messages whose path matched no known field, to show with the form's error. */
  unplaced: string[];
}

type ApiErrorLike = { code?: string; message: string; details?: unknown } | null | undefined;

export function fieldErrors(error: ApiErrorLike, options: { prefix?: string; known?: (path: string) => boolean } = {}): FieldErrors {
  const result: FieldErrors = { byPath: {}, unplaced: [] };
  if (!error || error.code !== "validation_failed" || !Array.isArray(error.details)) return result;
  const prefix = options.prefix ? `${options.prefix}.` : "";
  for (const detail of error.details as unknown[]) {
    const { path, message } = (detail ?? {}) as { path?: unknown; message?: unknown };
    if (typeof message !== "string") continue;
    const full = typeof path === "string" ? path : "";
    const relative = prefix && full.startsWith(prefix) ? full.slice(prefix.length) : prefix ? null : full;
    if (relative !== null && relative !== "" && (options.known?.(relative) ?? true)) {
      result.byPath[relative] ??= message;
    } else {
      result.unplaced.push(full ? `${full}: ${message}` : message);
    }
  }
  return result;
}

/**
 * The message to show at the bottom of a form: nothing extra when every problem sits next to
 * its field, otherwise the ones that could not be placed (or the API's message).
 */
export function formLevelError(error: ApiErrorLike, placed: FieldErrors): { message: string } | null {
  if (!error) return null;
  if (error.code !== "validation_failed" || !Array.isArray(error.details)) return { message: error.message };
  if (placed.unplaced.length > 0) return { message: placed.unplaced.join("; ") };
  return { message: "Some fields need attention: see the messages next to them." };
}
