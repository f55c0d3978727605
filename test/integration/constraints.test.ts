import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inject } from "vitest";
import type { Db } from "@/lib/db/client";
import type { PromotionStatus } from "@/lib/db/generated/client";
import { mapDatabaseError } from "@/lib/http/database-errors";
import { AppError } from "@/lib/http/errors";
import { errorResponse } from "@/lib/http/route";
import { testDb, unique } from "@/test/helpers/database";

// Every invariant the database enforces, broken on purpose through real Prisma calls, and the
// error layer's translation of the failure into something a person can act on.

let db: Db;
let serviceId: string;
let otherServiceId: string;
let environmentId: string;
let otherEnvironmentId: string;
let artifactId: string;
let alice: string;
let bob: string;
let teamId: string;

const digest = () => `sha256:${randomBytes(32).toString("hex")}`;
const sha = () => randomBytes(20).toString("hex");

async function caught(action: () => Promise<unknown>): Promise<unknown> {
  try {
    await action();
  } catch (error) {
    return error;
  }
  throw new Error("expected the database to reject the change, but it was accepted");
}

async function expectMapped(action: () => Promise<unknown>, expected: { code: string; status: number; constraint?: string; message: RegExp }) {
  const error = await caught(action);
  const mapped = mapDatabaseError(error);
  expect(mapped, `unmapped database error: ${String(error)}`).toBeInstanceOf(AppError);
  expect(mapped).toMatchObject({ code: expected.code, status: expected.status });
  expect(mapped?.message).toMatch(expected.message);
  if (expected.constraint) expect(mapped?.details).toEqual({ constraint: expected.constraint });
  return { error, mapped: mapped as AppError };
}

function artifactData(overrides: { serviceId?: string; imageDigest?: string } = {}) {
  return {
    serviceId: overrides.serviceId ?? serviceId,
    version: "1.0.0",
    gitSha: sha(),
    commitTime: new Date(),
    imageRepository: "registry.example.com/constraints",
    imageDigest: overrides.imageDigest ?? digest(),
  };
}

async function createEnvironment(svc: string, name: string, position: number) {
  return db.environment.create({
    data: { serviceId: svc, name, position, namespace: unique("ns"), workloadName: "app", containerName: "app" },
  });
}

async function createPromotion(status: PromotionStatus, overrides: { environmentId?: string; requestedById?: string; idempotencyKey?: string } = {}) {
  return db.promotion.create({
    data: {
      environmentId: overrides.environmentId ?? environmentId,
      artifactId,
      status,
      requestedById: overrides.requestedById ?? alice,
      idempotencyKey: overrides.idempotencyKey ?? null,
    },
  });
}

beforeAll(async () => {
  db = testDb();
  const team = await db.team.create({ data: { slug: unique("team"), name: "Constraints" } });
  teamId = team.id;
  const service = await db.service.create({ data: { slug: unique("svc"), name: "Constraints", teamId, imageRepository: "registry.example.com/constraints" } });
  const other = await db.service.create({ data: { slug: unique("svc"), name: "Other", teamId, imageRepository: "registry.example.com/other" } });
  serviceId = service.id;
  otherServiceId = other.id;
  environmentId = (await createEnvironment(serviceId, "prod", 0)).id;
  otherEnvironmentId = (await createEnvironment(otherServiceId, "prod", 0)).id;
  artifactId = (await db.artifact.create({ data: artifactData() })).id;
  alice = (await db.user.create({ data: { email: `${unique("alice")}@example.com`, name: "Alice" } })).id;
  bob = (await db.user.create({ data: { email: `${unique("bob")}@example.com`, name: "Bob" } })).id;
});

afterAll(async () => {
  await db.$disconnect();
});

describe("an image digest is registered once per service", () => {
  it("rejects a second artifact with the same digest as a 409 conflict", async () => {
    const imageDigest = digest();
    await db.artifact.create({ data: artifactData({ imageDigest }) });

    const { mapped } = await expectMapped(() => db.artifact.create({ data: artifactData({ imageDigest }) }), {
      code: "conflict",
      status: 409,
      constraint: "Artifact_serviceId_imageDigest_key",
      message: /image digest is already registered for the service/,
    });
    expect(mapped.toBody()).toEqual({
      error: { code: "conflict", message: mapped.message, details: { constraint: "Artifact_serviceId_imageDigest_key" } },
    });
    // The same image may legitimately be registered by another service.
    await expect(db.artifact.create({ data: artifactData({ serviceId: otherServiceId, imageDigest }) })).resolves.toBeTruthy();
  });

  it("maps the violation the same way from createMany, raw SQL through Prisma, and a plain pg client", async () => {
    const imageDigest = digest();
    await db.artifact.create({ data: artifactData({ imageDigest }) });
    const expected = { code: "conflict", status: 409, constraint: "Artifact_serviceId_imageDigest_key", message: /image digest/ };

    await expectMapped(() => db.artifact.createMany({ data: [artifactData({ imageDigest })] }), expected);
    await expectMapped(
      () =>
        db.$executeRaw`INSERT INTO "Artifact" (id, "serviceId", version, "gitSha", "commitTime", "imageRepository", "imageDigest")
                       VALUES (gen_random_uuid(), ${serviceId}::uuid, '1.0.1', ${sha()}, now(), 'r', ${imageDigest})`,
      expected,
    );
    const client = new pg.Client(inject("databaseUrl"));
    await client.connect();
    try {
      await expectMapped(
        () =>
          client.query(
            `INSERT INTO "Artifact" (id, "serviceId", version, "gitSha", "commitTime", "imageRepository", "imageDigest")
             VALUES (gen_random_uuid(), $1, '1.0.2', $2, now(), 'r', $3)`,
            [serviceId, sha(), imageDigest],
          ),
        expected,
      );
    } finally {
      await client.end();
    }
  });

  it.each([
    ["a tag", "latest"],
    ["a tag-style reference", "registry.example.com/constraints:1.4.2"],
    ["a full image reference", `registry.example.com/constraints@${digest()}`],
    ["uppercase hex", `sha256:${"A".repeat(64)}`],
    ["too short", `sha256:${"a".repeat(63)}`],
    ["too long", `sha256:${"a".repeat(65)}`],
    ["another algorithm", `sha512:${"a".repeat(128)}`],
    ["no algorithm", "a".repeat(64)],
  ])("rejects %s as an image digest (CHECK Artifact_digest_format)", async (_label, imageDigest) => {
    await expectMapped(() => db.artifact.create({ data: artifactData({ imageDigest }) }), {
      code: "validation_failed",
      status: 400,
      constraint: "Artifact_digest_format",
      message: /must be "sha256:" followed by 64 lowercase hex characters/,
    });
  });
});

describe("at most one promotion per environment is deploying or verifying", () => {
  it("rejects a second active promotion and answers 409 through the route error handler", async () => {
    const env = (await createEnvironment(serviceId, unique("env"), 10)).id;
    await createPromotion("Deploying", { environmentId: env });

    const error = await caught(() => createPromotion("Verifying", { environmentId: env }));
    const response = errorResponse(error, "req-constraints");
    expect(response.status).toBe(409);
    expect(response.headers.get("x-request-id")).toBe("req-constraints");
    expect(await response.json()).toEqual({
      error: {
        code: "conflict",
        message: "Another promotion is already deploying or verifying in this environment; wait for it to finish or abort it",
        details: { constraint: "Promotion_one_active_per_environment" },
      },
    });
  });

  it("applies to status changes too, and frees the slot when the active promotion finishes", async () => {
    const env = (await createEnvironment(serviceId, unique("env"), 11)).id;
    const first = await createPromotion("Verifying", { environmentId: env });
    const second = await createPromotion("Queued", { environmentId: env });
    // Waiting promotions and other environments are not limited.
    await createPromotion("Approved", { environmentId: env });
    await createPromotion("Deploying", { environmentId: otherEnvironmentId });

    await expectMapped(() => db.promotion.update({ where: { id: second.id }, data: { status: "Deploying" } }), {
      code: "conflict",
      status: 409,
      constraint: "Promotion_one_active_per_environment",
      message: /already deploying or verifying in this environment/,
    });

    await db.promotion.update({ where: { id: first.id }, data: { status: "Succeeded" } });
    await expect(db.promotion.update({ where: { id: second.id }, data: { status: "Deploying" } })).resolves.toMatchObject({ status: "Deploying" });
  });

  it("holds under concurrency: of two simultaneous starts exactly one wins", async () => {
    const env = (await createEnvironment(serviceId, unique("env"), 12)).id;
    const [a, b] = await Promise.all([createPromotion("Queued", { environmentId: env }), createPromotion("Queued", { environmentId: env })]);
    const results = await Promise.allSettled(
      [a, b].map((p) => db.promotion.update({ where: { id: p.id }, data: { status: "Deploying" } })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(mapDatabaseError(rejected?.reason)).toMatchObject({ status: 409, details: { constraint: "Promotion_one_active_per_environment" } });
  });
});

describe("one decision per approver per promotion", () => {
  it("rejects a second approval by the same user as a 409 conflict", async () => {
    const promotion = await createPromotion("PendingApproval");
    await db.approval.create({ data: { promotionId: promotion.id, userId: bob, decision: "Approve" } });

    await expectMapped(() => db.approval.create({ data: { promotionId: promotion.id, userId: bob, decision: "Reject", comment: "changed my mind" } }), {
      code: "conflict",
      status: 409,
      constraint: "Approval_promotionId_userId_key",
      message: /already recorded a decision on this promotion/,
    });
    await expect(db.approval.create({ data: { promotionId: promotion.id, userId: alice, decision: "Approve" } })).resolves.toBeTruthy();
    expect(await db.approval.count({ where: { promotionId: promotion.id } })).toBe(2);
  });
});

describe("idempotency keys are unique per requester", () => {
  it("rejects a second promotion with the same key from the same requester as a 409 conflict", async () => {
    const key = unique("idem");
    await createPromotion("PendingApproval", { idempotencyKey: key });

    await expectMapped(() => createPromotion("PendingApproval", { idempotencyKey: key }), {
      code: "conflict",
      status: 409,
      constraint: "Promotion_requestedById_idempotencyKey_key",
      message: /already submitted a promotion with this Idempotency-Key/,
    });
    // Another requester may use the same key, and requests without a key never collide.
    await expect(createPromotion("PendingApproval", { idempotencyKey: key, requestedById: bob })).resolves.toBeTruthy();
    await createPromotion("PendingApproval");
    await expect(createPromotion("PendingApproval")).resolves.toBeTruthy();
  });
});

describe("role bindings", () => {
  it("rejects a binding with both a user and a team as subject", async () => {
    await expectMapped(() => db.roleBinding.create({ data: { role: "viewer", userId: alice, teamId } }), {
      code: "validation_failed",
      status: 400,
      constraint: "RoleBinding_one_subject",
      message: /exactly one subject: a user or a team/,
    });
  });

  it("rejects a binding with no subject", async () => {
    await expectMapped(() => db.roleBinding.create({ data: { role: "viewer" } }), {
      code: "validation_failed",
      status: 400,
      constraint: "RoleBinding_one_subject",
      message: /exactly one subject/,
    });
  });

  it("rejects a binding with two scopes, and accepts each single scope", async () => {
    await expectMapped(() => db.roleBinding.create({ data: { role: "approver", userId: alice, scopeServiceId: serviceId, scopeEnvironmentId: environmentId } }), {
      code: "validation_failed",
      status: 400,
      constraint: "RoleBinding_at_most_one_scope",
      message: /at most one scope/,
    });
    await db.roleBinding.create({ data: { role: "approver", userId: alice, scopeEnvironmentId: environmentId } });
    await db.roleBinding.create({ data: { role: "deployer", teamId, scopeTeamId: teamId } });
    await db.roleBinding.create({ data: { role: "viewer", userId: bob } });
    expect(await db.roleBinding.count({ where: { OR: [{ userId: { in: [alice, bob] } }, { teamId }] } })).toBe(3);
  });
});

describe("other data rules", () => {
  it("rejects an incident resolved before it was opened", async () => {
    await expectMapped(
      () => db.incident.create({ data: { serviceId, title: "time travel", openedAt: new Date("2026-01-02T00:00:00Z"), resolvedAt: new Date("2026-01-01T00:00:00Z") } }),
      { code: "validation_failed", status: 400, constraint: "Incident_resolved_after_open", message: /cannot be resolved before it was opened/ },
    );
  });

  it("rejects a deployment that finished before it started", async () => {
    await expectMapped(
      () =>
        db.deployment.create({
          data: { environmentId, serviceId, isProduction: true, artifactId, startedAt: new Date("2026-01-02T00:00:00Z"), finishedAt: new Date("2026-01-01T00:00:00Z") },
        }),
      { code: "validation_failed", status: 400, constraint: "Deployment_finished_after_start", message: /cannot finish before it started/ },
    );
  });

  it("rejects more than 10 required approvals", async () => {
    await expectMapped(() => db.environment.update({ where: { id: environmentId }, data: { requiredApprovals: 11 } }), {
      code: "validation_failed",
      status: 400,
      constraint: "Environment_required_approvals_range",
      message: /between 0 and 10/,
    });
  });
});

describe("the audit trail is append-only", () => {
  const appendOnly = { code: "forbidden", status: 403, message: /append-only: audit events cannot be changed or deleted/ };

  it("rejects UPDATE and DELETE of an audit event, leaving it unchanged", async () => {
    const event = await db.auditEvent.create({
      data: { actorLabel: "alice@example.com", actorUserId: alice, action: "promotion.approve", targetType: "Promotion", targetId: unique("p"), before: { status: "PendingApproval" }, after: { status: "Approved" } },
    });

    await expectMapped(() => db.auditEvent.update({ where: { id: event.id }, data: { action: "promotion.reject" } }), appendOnly);
    await expectMapped(() => db.auditEvent.updateMany({ where: { id: event.id }, data: { actorLabel: "someone else" } }), appendOnly);
    await expectMapped(() => db.auditEvent.delete({ where: { id: event.id } }), appendOnly);
    await expectMapped(() => db.auditEvent.deleteMany({ where: { id: event.id } }), appendOnly);
    await expectMapped(() => db.$executeRaw`UPDATE "AuditEvent" SET "actorLabel" = 'x' WHERE id = ${event.id}`, appendOnly);
    await expectMapped(() => db.$executeRaw`DELETE FROM "AuditEvent" WHERE id = ${event.id}`, appendOnly);

    expect(await db.auditEvent.findUnique({ where: { id: event.id } })).toEqual(event);
  });

  it("rejects TRUNCATE", async () => {
    const rollback = new Error("rollback");
    // Inside a transaction that is rolled back anyway, so a broken trigger cannot wipe the shared database.
    const error = await caught(() =>
      db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`TRUNCATE "AuditEvent"`);
        throw rollback;
      }),
    );
    expect(error).not.toBe(rollback);
    expect(mapDatabaseError(error)).toMatchObject({ code: "forbidden", status: 403 });
  });
});
