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

export async function createServiceIn(db: Db, teamId: string, label: string, options: { requiredApprovals?: number } = {}) {
  const suffix = randomUUID().slice(0, 6);
  const service = await db.service.create({
    data: { slug: `${label}-${suffix}`, name: `${label} service`, teamId, imageRepository: `registry.example.com/${label}` },
  });
  const envs = await Promise.all(
    (["dev", "prod"] as const).map((name, position) =>
      db.environment.create({
        data: {
          serviceId: service.id,
          name,
          position,
          isProduction: name === "prod",
          namespace: `${label}-${name}`,
          workloadName: label,
          containerName: "app",
          requiredApprovals: options.requiredApprovals ?? (name === "prod" ? 1 : 0),
          minSoakMinutes: 0,
        },
      }),
    ),
  );
  return { service, dev: envs[0]!, prod: envs[1]! };
}

let artifactCounter = 0;
export function randomDigest() {
  return `sha256:${randomUUID().replaceAll("-", "")}${randomUUID().replaceAll("-", "")}`;
}

export async function createArtifact(db: Db, serviceId: string, options: { authorEmail?: string; createdAt?: Date } = {}) {
  artifactCounter++;
  return db.artifact.create({
    data: {
      serviceId,
      version: `1.${artifactCounter}.0`,
      gitSha: randomUUID().replaceAll("-", "").padEnd(40, "0"),
      commitTime: new Date(),
      imageRepository: "registry.example.com/fixture",
      imageDigest: randomDigest(),
      ...(options.createdAt ? { createdAt: options.createdAt } : {}),
      commits: {
        create: [{ sha: randomUUID().replaceAll("-", "").padEnd(40, "1"), message: "fixture change", authorName: "Author", authorEmail: options.authorEmail ?? "author@fixture.test", committedAt: new Date() }],
      },
    },
  });
}

/** A finished, successful deployment (what an environment is "running"). */
export async function createSucceededDeployment(db: Db, environment: { id: string; serviceId: string; isProduction: boolean }, artifactId: string, at: Date) {
  return db.deployment.create({
    data: { environmentId: environment.id, serviceId: environment.serviceId, isProduction: environment.isProduction, artifactId, outcome: "Succeeded", startedAt: at, finishedAt: new Date(at.getTime() + 60_000) },
  });
}
