import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/http/errors";
import type { Actor } from "./actor";
import { looksLikeApiToken } from "./api-tokens";
import { loadTokenActor, loadUserActor } from "./load-actor";
import { hasSessionCookie, parseCookies, sessionUserId } from "./session-cookie";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function requestOrigin(request: Request): string {
  const configured = env().NEXTAUTH_URL;
  if (configured) return new URL(configured).origin;
  const url = new URL(request.url);
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? url.host;
  const proto = request.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  return `${proto}://${host}`;
}

/**
 * A browser sends cookies with cross-site requests; a foreign page must not be able to trigger a
 * mutation with them. Bearer-token calls are not affected (browsers never attach them on their own).
 */
function assertSameOrigin(request: Request) {
  if (SAFE_METHODS.has(request.method)) return;
  const origin = request.headers.get("origin");
  if (origin) {
    if (origin === requestOrigin(request) || origin === new URL(request.url).origin) return;
    throw new AppError("forbidden", "Cross-origin request refused: mutating calls with a session must come from Gantry itself");
  }
  if (request.headers.get("sec-fetch-site") === "same-origin") return;
  throw new AppError("forbidden", "Missing Origin header: mutating calls with a session must come from Gantry itself");
}

/**
 * The caller of an API request, loaded fresh from the database: an API token (Authorization:
 * Bearer) or a session cookie. Returns null for anonymous requests; throws 401 for a bad token.
 */
export async function resolveRequestActor(request: Request): Promise<Actor | null> {
  const db = getDb();
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match || !looksLikeApiToken(match[1]!)) throw new AppError("unauthenticated", "Malformed Authorization header: expected `Bearer gty_…`");
    const actor = await loadTokenActor(db, match[1]!);
    if (!actor) throw new AppError("unauthenticated", "The API token is invalid, expired or revoked, or its owner is disabled");
    return actor;
  }
  const cookies = parseCookies(request.headers.get("cookie"));
  if (!hasSessionCookie(cookies)) return null;
  const userId = await sessionUserId(cookies);
  if (!userId) return null;
  const actor = await loadUserActor(db, userId);
  if (!actor) return null;
  assertSameOrigin(request);
  return actor;
}

export async function requireRequestActor(request: Request): Promise<Actor> {
  const actor = await resolveRequestActor(request);
  if (!actor) throw new AppError("unauthenticated", "Sign in or send an API token (Authorization: Bearer gty_…)");
  return actor;
}
