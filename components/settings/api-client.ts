/** An error answered by Gantry's API, carrying its `{ error: { code, message, details } }` body. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** "Invalid request body: email: Invalid email address" — validation details make the message actionable. */
export function describeApiError(body: unknown, status: number): { code: string; message: string; details?: unknown } {
  const error = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (!error || typeof error.message !== "string") {
    return { code: "http_error", message: `The server answered ${status} without an explanation. Try again.` };
  }
  const code = typeof error.code === "string" ? error.code : "http_error";
  let message = error.message;
  if (code === "validation_failed" && Array.isArray(error.details)) {
    const parts = error.details
      .filter((d): d is { path?: unknown; message: string } => typeof d?.message === "string")
      .map((d) => (typeof d.path === "string" && d.path ? `${d.path}: ${d.message}` : d.message));
    if (parts.length) message = `${message}: ${parts.join("; ")}`;
  }
  return { code, message, details: error.details };
}

/**
 * JSON call to our own API from the browser. The session cookie and the Origin header go along
 * automatically, which is what the server's same-origin check for mutations expects.
 */
export async function apiRequest<T>(method: "GET" | "POST" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? { accept: "application/json" } : { accept: "application/json", "content-type": "application/json" },
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
