import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { executePromotion } from "@/lib/domain/promotions/execute-promotion";
import { stopBoss } from "@/lib/jobs/boss";
import { startApiServer, type ApiServer } from "../helpers/api-server";
import { cosignSign, signingKeyPair, simpleSigningPayload } from "../helpers/cosign";
import { createTeamWithService, createTokenFor, createUserWith, randomDigest } from "../helpers/identity-fixture";

/** The supply-chain gate over HTTP: registration with a cosign-style signature, promotion refused (422) unless a trusted key signed it. */
let server: ApiServer;
let f: Awaited<ReturnType<typeof setup>>;
const trusted = signingKeyPair();
const stranger = signingKeyPair();

async function setup() {
  const db = getDb();
  const { team, service, dev } = await createTeamWithService(db, "signed");
  // The policy is set the way Settings → Environments sets it: through the environment API.
  // One approval keeps accepted requests waiting (201) without a worker.
  const admin = await createUserWith(db, "signed-admin", [{ role: "admin", scopeTeamId: team.id }]);
  const configured = await fetch(`${server.baseUrl}/api/v1/environments/${dev.id}`, {
    method: "PATCH",
    headers: { cookie: admin.cookie, origin: server.baseUrl, "content-type": "application/json" },
    body: JSON.stringify({ requireSignature: true, signingPublicKeys: [trusted.publicKeyPem], requiredApprovals: 1 }),
  });
  expect(configured.status, await configured.clone().text()).toBe(200);
  const deployer = await createUserWith(db, "deployer", [{ role: "deployer", scopeTeamId: team.id }]);
  const ci = await createTokenFor(db, deployer.id, ["artifact:register", "promotion:request", "service:read"]);
  return { service, dev, ci: ci.token };
}

async function call(method: string, path: string, body: unknown) {
  const response = await fetch(server.baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${f.ci}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

async function register(sign?: (repository: string, digest: string) => { payload: string; signature: string }) {
  const repository = "registry.example.com/signed";
  const digest = randomDigest();
  return call("POST", "/api/v1/artifacts", {
    service: f.service.slug,
    version: `1.0.${Math.floor(Math.random() * 1e6)}`,
    gitSha: "a".repeat(40),
    commitTime: new Date().toISOString(),
    image: `${repository}@${digest}`,
    ...(sign ? { signature: sign(repository, digest) } : {}),
  });
}

const promote = (artifactId: string) => call("POST", "/api/v1/promotions", { artifactId, environmentId: f.dev.id, reason: "ship" });

beforeAll(async () => {
  server = await startApiServer();
  f = await setup();
});

afterAll(async () => {
  await server?.close();
  await stopBoss();
});

describe("signed artifacts", () => {
  it("blocks an unsigned artifact where signatures are required (422 with the blocker) and lets a trusted signature through (201)", async () => {
    const unsigned = await register();
    expect(unsigned.status).toBe(201);
    expect(unsigned.body.artifact.signed).toBe(false);
    const refused = await promote(unsigned.body.artifact.id);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.blockers).toEqual([
      { code: "signature", message: `the artifact is not signed; ${f.service.slug} / dev requires a signature by a trusted key` },
    ]);

    const signed = await register((repository, digest) => cosignSign(trusted.privateKey, simpleSigningPayload(repository, digest)));
    expect(signed.status).toBe(201);
    expect(signed.body.artifact.signed).toBe(true);
    const accepted = await promote(signed.body.artifact.id);
    expect(accepted.status).toBe(201);
    expect(accepted.body.promotion.status).toBe("PendingApproval");
  });

  it("blocks an artifact signed by a key the environment does not trust", async () => {
    const signed = await register((repository, digest) => cosignSign(stranger.privateKey, simpleSigningPayload(repository, digest)));
    expect(signed.status).toBe(201);
    const refused = await promote(signed.body.artifact.id);
    expect(refused.status).toBe(422);
    expect(refused.body.error.details.blockers).toEqual([{ code: "signature", message: `the artifact is not signed by a key trusted for ${f.service.slug} / dev` }]);
  });

  it("re-checks when the promotion runs: a key withdrawn after approval fails it before anything is deployed", async () => {
    const signed = await register((repository, digest) => cosignSign(trusted.privateKey, simpleSigningPayload(repository, digest)));
    const accepted = await promote(signed.body.artifact.id);
    expect(accepted.status).toBe(201);
    const db = getDb();
    const id = accepted.body.promotion.id as string;
    await db.promotion.update({ where: { id }, data: { status: "Queued", approvedAt: new Date(), queuedAt: new Date() } });
    // Queued behind it: must be woken when the refused one settles, or it waits for the reconciler.
    const behind = await db.promotion.create({
      data: { artifactId: signed.body.artifact.id, environmentId: f.dev.id, status: "Queued", reason: "next", approvedAt: new Date(), queuedAt: new Date(Date.now() + 1000) },
    });
    const channel = await db.notificationChannel.create({
      data: { name: "signature failures", kind: "Generic", url: "https://hooks.example.test/gantry", environmentId: f.dev.id, events: ["promotion.failed"] },
    });
    await db.environment.update({ where: { id: f.dev.id }, data: { signingPublicKeys: [stranger.publicKeyPem] } });
    try {
      expect(await executePromotion(id)).toEqual({ state: "finished", status: "Failed" });
      const row = await db.promotion.findUniqueOrThrow({ where: { id }, include: { deployment: true } });
      expect(row).toMatchObject({ status: "Failed", failureReason: `the artifact is not signed by a key trusted for ${f.service.slug} / dev` });
      expect(row.deployment).toBeNull();
      const deliveries = await db.notificationDelivery.findMany({ where: { channelId: channel.id } });
      expect(deliveries.map((d) => [d.event, (d.payload as { promotionId?: string }).promotionId])).toEqual([["promotion.failed", id]]);
      const woken = await db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'promotion-run' AND data->>'promotionId' = ${behind.id}`;
      expect(woken[0]!.n).toBe(1);
    } finally {
      await db.promotion.update({ where: { id: behind.id }, data: { status: "Aborted", finishedAt: new Date() } });
      await db.notificationChannel.delete({ where: { id: channel.id } });
      await db.environment.update({ where: { id: f.dev.id }, data: { signingPublicKeys: [trusted.publicKeyPem] } });
    }
  });

  it("refuses at registration a signature whose payload names another digest", async () => {
    const response = await register((repository) => cosignSign(trusted.privateKey, simpleSigningPayload(repository, randomDigest())));
    expect(response.status).toBe(400);
    expect(response.body.error.details[0].path).toBe("signature.payload");
  });
});
