import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { generateApiToken } from "@/lib/auth/api-tokens";
import { hashPassword } from "@/lib/auth/password";
import type { Db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";

export const FIXTURE_PASSWORD = "fixture-password-123";

/** A signed next-auth session cookie for a user, as the browser would hold it. */
export async function sessionCookie(userId: string) {
  const token = await encode({ token: { sub: userId }, secret: process.env.NEXTAUTH_SECRET! });
  return `next-auth.session-token=${token}`;
}

export async function createTeamWithService(db: Db, label: string) {
  const suffix = randomUUID().slice(0, 6);
  const team = await db.team.create({ data: { slug: `${label}-${suffix}`, name: `Team ${label}` } });
  const service = await db.service.create({
    data: { slug: `${label}-svc-${suffix}`, name: `${label} service`, teamId: team.id, imageRepository: `registry.example.com/${label}` },
  });
  const [dev, prod] = await Promise.all(
    (["dev", "prod"] as const).map((name, position) =>
      db.environment.create({
        data: { serviceId: service.id, name, position, isProduction: name === "prod", namespace: `${label}-${name}`, workloadName: label, containerName: "app" },
      }),
    ),
  );
  return { team, service, dev: dev!, prod: prod! };
}

export async function createUserWith(
  db: Db,
  label: string,
  bindings: { role: Role; scopeTeamId?: string; scopeServiceId?: string; scopeEnvironmentId?: string }[],
  options: { disabled?: boolean } = {},
) {
  const user = await db.user.create({
    data: {
      email: `${label}-${randomUUID().slice(0, 8)}@fixture.test`,
      name: label,
      passwordHash: await hashPassword(FIXTURE_PASSWORD),
      disabledAt: options.disabled ? new Date() : null,
    },
  });
  for (const b of bindings) {
    await db.roleBinding.create({
      data: {
        role: b.role,
        userId: user.id,
        scopeTeamId: b.scopeTeamId ?? null,
        scopeServiceId: b.scopeServiceId ?? null,
        scopeEnvironmentId: b.scopeEnvironmentId ?? null,
      },
    });
  }
  return { ...user, cookie: await sessionCookie(user.id) };
}

export async function createTokenFor(db: Db, userId: string, scopes: string[], extra: { serviceIds?: string[]; expiresAt?: Date; revokedAt?: Date } = {}) {
  const { token, prefix, hash } = generateApiToken();
  const row = await db.apiToken.create({
    data: {
      userId,
      name: `fixture-${prefix}`,
      prefix,
      tokenHash: hash,
      scopes,
      serviceIds: extra.serviceIds ?? [],
      expiresAt: extra.expiresAt ?? null,
      revokedAt: extra.revokedAt ?? null,
    },
  });
  return { token, row };
}
