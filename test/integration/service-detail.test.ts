import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { startApiServer, type ApiServer } from "../helpers/api-server";
import { createArtifact, createTeamWithService, createTokenFor, createUserWith } from "../helpers/identity-fixture";

/** GET /api/v1/services/{slug}: one service's pipeline, each environment's state looked up for all environments at once. */
let server: ApiServer;
const db = getDb();
const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);

beforeAll(async () => {
  server = await startApiServer();
});
afterAll(async () => {
  await server.close();
});

describe("service detail", () => {
  it("shows per environment the current artifact, its rollback target, the active promotion and the waiting ones with their approvals", async () => {
    const { team, service, dev, prod } = await createTeamWithService(db, "detail");
    const viewer = await createUserWith(db, "detail-viewer", [{ role: "viewer", scopeTeamId: team.id }]);
    const approvers = await Promise.all(["detail-a", "detail-b"].map((label) => createUserWith(db, label, [{ role: "approver", scopeTeamId: team.id }])));
    const { token } = await createTokenFor(db, viewer.id, ["service:read"]);
    const [v1, v2, v3, v4] = [await createArtifact(db, service.id), await createArtifact(db, service.id), await createArtifact(db, service.id), await createArtifact(db, service.id)];
    const deploy = (environment: typeof prod, artifactId: string, outcome: "Succeeded" | "Failed", startedHoursAgo: number) =>
      db.deployment.create({
        data: { environmentId: environment.id, serviceId: service.id, isProduction: environment.isProduction, artifactId, outcome, startedAt: hoursAgo(startedHoursAgo), finishedAt: hoursAgo(startedHoursAgo - 0.1) },
      });
    await deploy(prod, v1!.id, "Succeeded", 5);
    await deploy(prod, v2!.id, "Succeeded", 3);
    await deploy(prod, v3!.id, "Failed", 2);
    await deploy(dev, v3!.id, "Succeeded", 2);
    const deploying = await db.promotion.create({ data: { environmentId: prod.id, artifactId: v3!.id, status: "Deploying", startedAt: hoursAgo(0.1) } });
    const first = await db.promotion.create({ data: { environmentId: prod.id, artifactId: v4!.id, status: "PendingApproval", createdAt: hoursAgo(1) } });
    const second = await db.promotion.create({ data: { environmentId: prod.id, artifactId: v3!.id, status: "Approved", createdAt: hoursAgo(0.5) } });
    await db.approval.create({ data: { promotionId: first.id, userId: approvers[0]!.id, decision: "Approve" } });
    await db.approval.create({ data: { promotionId: first.id, userId: approvers[1]!.id, decision: "Reject" } });

    const response = await fetch(`${server.baseUrl}/api/v1/services/${service.slug}`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { service: { environments: unknown[] } };
    const [devStage, prodStage] = body.service.environments as Array<{
      name: string;
      current: { artifact: { id: string; image: string } } | null;
      rollbackTarget: { artifactId: string; version: string; image: string } | null;
      activePromotion: { id: string; status: string; artifact: { version: string } } | null;
      waitingPromotions: Array<{ id: string; status: string; approvals: number; artifact: { id: string } }>;
    }>;

    expect(devStage!.name).toBe("dev");
    expect(devStage!.current?.artifact.id).toBe(v3!.id);
    expect(devStage!.rollbackTarget).toBeNull();
    expect(devStage!.activePromotion).toBeNull();
    expect(devStage!.waitingPromotions).toEqual([]);

    expect(prodStage!.current?.artifact).toMatchObject({ id: v2!.id, image: `${v2!.imageRepository}@${v2!.imageDigest}` });
    expect(prodStage!.rollbackTarget).toEqual({ artifactId: v1!.id, version: v1!.version, image: `${v1!.imageRepository}@${v1!.imageDigest}` });
    expect(prodStage!.activePromotion).toMatchObject({ id: deploying.id, status: "Deploying", artifact: { version: v3!.version } });
    expect(prodStage!.waitingPromotions.map((p) => [p.id, p.status, p.approvals, p.artifact.id])).toEqual([
      [first.id, "PendingApproval", 1, v4!.id],
      [second.id, "Approved", 0, v3!.id],
    ]);
  });
});
