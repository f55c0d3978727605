import { cookies } from "next/headers";
import { redirect } from "next/navigation";
import { getDb } from "@/lib/db/client";
import type { Actor, UserActor } from "./actor";
import { loadUserActor } from "./load-actor";
import { sessionUserId } from "./session-cookie";

/** The signed-in user of a server-rendered page, fresh from the database, or null. */
export async function getPageActor(): Promise<UserActor | null> {
  const jar = await cookies();
  const map = new Map(jar.getAll().map((c) => [c.name, c.value]));
  const userId = await sessionUserId(map);
  return userId ? loadUserActor(getDb(), userId) : null;
}

/** For pages behind sign-in: redirects anonymous visitors to /login and back afterwards. */
export async function requirePageActor(callbackPath: string): Promise<Actor & UserActor> {
  const actor = await getPageActor();
  if (!actor) redirect(`/login?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return actor;
}

/** Domain context for a page render (no request id: pages only read). */
export async function requirePageContext(callbackPath: string) {
  const actor = await requirePageActor(callbackPath);
  return { actor };
}
