import type { Db } from "@/lib/db/client";
import { verifyPassword } from "./password";

/** Failed sign-ins allowed per window before the account (or the address) is throttled. */
export const LOGIN_THROTTLE = { windowMs: 15 * 60_000, maxFailuresPerAccount: 5, maxFailuresPerIp: 20 } as const;

export class SignInError extends Error {
  constructor(
    readonly reason: "invalid" | "throttled",
    message: string,
  ) {
    super(message);
  }
}

async function throttledFor(db: Db, email: string, ip: string, now: Date): Promise<number | null> {
  const since = new Date(now.getTime() - LOGIN_THROTTLE.windowMs);
  const lastSuccess = await db.loginAttempt.findFirst({
    where: { email, succeeded: true, occurredAt: { gte: since } },
    orderBy: { occurredAt: "desc" },
    select: { occurredAt: true },
  });
  const accountSince = lastSuccess && lastSuccess.occurredAt > since ? lastSuccess.occurredAt : since;
  const [accountFailures, ipFailures] = await Promise.all([
    db.loginAttempt.findMany({
      where: { email, succeeded: false, occurredAt: { gt: accountSince } },
      orderBy: { occurredAt: "asc" },
      select: { occurredAt: true },
    }),
    db.loginAttempt.findMany({
      where: { ip, succeeded: false, occurredAt: { gt: since } },
      orderBy: { occurredAt: "asc" },
      select: { occurredAt: true },
    }),
  ]);
  const blockedUntil = (failures: { occurredAt: Date }[], max: number) =>
    failures.length >= max ? failures[failures.length - max]!.occurredAt.getTime() + LOGIN_THROTTLE.windowMs : null;
  const until = Math.max(
    blockedUntil(accountFailures, LOGIN_THROTTLE.maxFailuresPerAccount) ?? 0,
    blockedUntil(ipFailures, LOGIN_THROTTLE.maxFailuresPerIp) ?? 0,
  );
  return until > now.getTime() ? Math.ceil((until - now.getTime()) / 1000) : null;
}

/**
 * Checks an email + password. The same message answers an unknown email, a wrong password and a
 * disabled account, so sign-in cannot be used to discover accounts. Every attempt is recorded
 * (for throttling across replicas) and audited.
 */
export async function signInWithPassword(db: Db, input: { email: string; password: string; ip: string }, now = new Date()) {
  const email = input.email.trim().toLowerCase().slice(0, 254);
  const ip = input.ip.slice(0, 64);
  // No account has a NUL in its email, and PostgreSQL could not even look one up (nor record the attempt).
  if (email.includes("\0") || ip.includes("\0")) throw new SignInError("invalid", "Incorrect email or password.");
  const retryAfter = await throttledFor(db, email, ip, now);
  if (retryAfter !== null) {
    const minutes = Math.max(1, Math.ceil(retryAfter / 60));
    await db.auditEvent.create({
      data: { actorLabel: `anonymous (${email})`, action: "auth.sign_in_throttled", targetType: "User", targetId: email, ip },
    });
    throw new SignInError("throttled", `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`);
  }
  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, passwordHash: true, disabledAt: true } });
  const valid = await verifyPassword(user?.passwordHash, input.password);
  const succeeded = Boolean(user && valid && !user.disabledAt);
  await db.$transaction(async (tx) => {
    await tx.loginAttempt.create({ data: { email, ip, succeeded, occurredAt: now } });
    if (succeeded) await tx.user.update({ where: { id: user!.id }, data: { lastSignedInAt: now } });
    await tx.auditEvent.create({
      data: {
        actorUserId: succeeded ? user!.id : null,
        actorLabel: succeeded ? email : `anonymous (${email})`,
        action: succeeded ? "auth.sign_in" : "auth.sign_in_failed",
        targetType: "User",
        targetId: user?.id ?? email,
        ip,
        after: succeeded ? { method: "password" } : { reason: user?.disabledAt ? "disabled" : "invalid_credentials" },
      },
    });
  });
  if (!succeeded) throw new SignInError("invalid", "Incorrect email or password.");
  return { id: user!.id, email: user!.email, name: user!.name };
}
