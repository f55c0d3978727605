import { ApiError, describeApiError } from "@/components/settings/api-client";

export { ApiError };

/**
 * JSON call to our API from the browser, like `apiRequest` but with extra headers (the promote
 * dialog sends an Idempotency-Key). Errors are ApiErrors carrying the `{ error }` body's parts.
 */
export async function apiSend<T>(method: "GET" | "POST" | "DELETE", path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: { accept: "application/json", ...(body === undefined ? {} : { "content-type": "application/json" }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network", "Could not reach Gantry. Check your connection and try again.");
  }
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const { code, message, details } = describeApiError(data, response.status);
    throw new ApiError(response.status, code, message, details);
  }
  return data as T;
}

/** The policy blockers of a refused request (422 policy violation, 423 frozen), as sentences. */
export function blockerMessages(error: unknown): string[] {
  if (!(error instanceof ApiError)) return [];
  const blockers = (error.details as { blockers?: unknown } | undefined)?.blockers;
  if (!Array.isArray(blockers)) return [];
  return blockers.flatMap((b) => (typeof (b as { message?: unknown })?.message === "string" ? [(b as { message: string }).message] : []));
}

/**
 * A fresh Idempotency-Key. `crypto.randomUUID` exists only in secure contexts (HTTPS, localhost);
 * Gantry may be served over plain HTTP inside a private network, so fall back to random bytes.
 */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
