import { decode } from "next-auth/jwt";
import { env } from "@/lib/env";

const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

export function parseCookies(header: string | null): Map<string, string> {
  const cookies = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const index = part.indexOf("=");
    if (index < 0) continue;
    const name = part.slice(0, index).trim();
    const value = part.slice(index + 1).trim();
    try {
      cookies.set(name, decodeURIComponent(value));
    } catch {
      cookies.set(name, value);
    }
  }
  return cookies;
}

/** next-auth splits large session cookies into `.0`, `.1`, …; join them back. */
function sessionCookieValue(cookies: Map<string, string>): string | undefined {
  for (const name of COOKIE_NAMES) {
    if (cookies.has(name)) return cookies.get(name);
    const chunks: string[] = [];
    for (let i = 0; cookies.has(`${name}.${i}`); i++) chunks.push(cookies.get(`${name}.${i}`)!);
    if (chunks.length) return chunks.join("");
  }
  return undefined;
}

export function hasSessionCookie(cookies: Map<string, string>) {
  return sessionCookieValue(cookies) !== undefined;
}

/** The user id in a valid session cookie, or null. Only the id is trusted; everything else comes from the DB. */
export async function sessionUserId(cookies: Map<string, string>): Promise<string | null> {
  const token = sessionCookieValue(cookies);
  const secret = env().NEXTAUTH_SECRET;
  if (!token || !secret) return null;
  try {
    const decoded = await decode({ token, secret });
    return typeof decoded?.sub === "string" ? decoded.sub : null;
  } catch {
    return null;
  }
}
