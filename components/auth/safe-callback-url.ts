/**
 * Where to go after sign-in. Only same-origin relative paths are accepted: an absolute or
 * protocol-relative URL in `callbackUrl` would turn the login page into an open redirect.
 */
export function safeCallbackUrl(raw: string | null | undefined): string {
  if (!raw) return "/";
  let value = raw.trim();
  // next-auth sometimes hands back an absolute URL of our own origin; keep only its path.
  if (typeof window !== "undefined" && value.startsWith(window.location.origin + "/")) {
    value = value.slice(window.location.origin.length);
  }
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  if (/[\u0000-\u001f\\]/.test(value)) return "/";
  if (value === "/login" || value.startsWith("/login?") || value.startsWith("/login/")) return "/";
  return value;
}
