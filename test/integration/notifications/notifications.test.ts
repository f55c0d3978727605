import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { createNotificationChannel } from "@/lib/domain/notifications/notification-channels";
import { getBoss, stopBoss } from "@/lib/jobs/boss";
import { attemptDelivery } from "@/lib/notifications/deliver";
import { notify } from "@/lib/notifications/notify";
import { verifyBodySignature } from "@/lib/notifications/sign";
import { startNotificationWorker } from "@/lib/notifications/worker";
import { createArtifact, createTeamWithService } from "../../helpers/identity-fixture";

/** A webhook receiver we control: records each request and answers with the next scripted status. */
interface Received {
  headers: IncomingMessage["headers"];
  body: string;
}
let receiver: Server;
let receiverUrl: string;
const received: Received[] = [];
let script: number[] = [];
let arrived: (() => void) | null = null;

const admin = { actor: { kind: "system" as const, name: "test" } };

beforeAll(async () => {
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.statusCode = script.shift() ?? 200;
      res.end("ok");
      arrived?.();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});

afterAll(async () => {
  await stopBoss();
  await new Promise((resolve) => receiver.close(resolve));
});

async function fixture(label: string) {
  const db = getDb();
  const { team, service, prod } = await createTeamWithService(db, label);
  const artifact = await createArtifact(db, service.id);
  const promotion = await db.promotion.create({ data: { artifactId: artifact.id, environmentId: prod.id, kind: "Promotion", status: "Failed", reason: "" } });
  return { team, service, prod, artifact, promotion };
}

describe("outgoing notifications", () => {
  it("delivers a signed notification through the queue to a channel scoped to the team, and none to other scopes", async () => {
    const f = await fixture("notif");
    const other = await fixture("notif-other");
    const { channel, secret } = await createNotificationChannel(admin, {
      name: "team hook",
      kind: "Generic",
      url: receiverUrl,
      teamId: f.team.id,
      environmentId: null,
      events: ["promotion.failed"],
      enabled: true,
    });
    expect(secret).toBeTruthy();
    await createNotificationChannel(admin, { name: "other team", kind: "Generic", url: receiverUrl, teamId: other.team.id, environmentId: null, events: ["promotion.failed"], enabled: true });
    await createNotificationChannel(admin, { name: "other event", kind: "Slack", url: receiverUrl, teamId: f.team.id, environmentId: null, events: ["drift.detected"], enabled: true });

    const boss = await getBoss();
    const workerId = await startNotificationWorker(boss);
    const delivered = new Promise<void>((resolve) => (arrived = resolve));
    const before = received.length;
    await notify("promotion.failed", { promotionId: f.promotion.id, detail: "rollout timed out" });
    await delivered;
    await boss.offWork("notification-deliver", { id: workerId, wait: true } as never);

    expect(received.length - before).toBe(1);
    const request = received.at(-1)!;
    expect(verifyBodySignature(request.body, secret!, request.headers["x-gantry-signature"] as string)).toBe(true);
    expect(verifyBodySignature(request.body, "not-the-secret-at-all", request.headers["x-gantry-signature"] as string)).toBe(false);
    expect(request.headers["x-gantry-event"]).toBe("promotion.failed");
    const body = JSON.parse(request.body);
    expect(body).toMatchObject({ event: "promotion.failed", service: f.service.slug, environment: "prod", artifactVersion: f.artifact.version, promotionId: f.promotion.id, detail: "rollout timed out" });

    const deliveries = await getDb().notificationDelivery.findMany({ where: { channelId: channel.id } });
    expect(deliveries).toHaveLength(1);
    expect(request.headers["x-gantry-delivery"]).toBe(deliveries[0]!.id);
    // The worker marks the row after the receiver answers; wait for that write.
    for (let i = 0; i < 100 && (await getDb().notificationDelivery.findUniqueOrThrow({ where: { id: deliveries[0]!.id } })).status === "Pending"; i++) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await getDb().notificationDelivery.findUniqueOrThrow({ where: { id: deliveries[0]!.id } })).toMatchObject({ status: "Delivered", attempts: 1, lastStatusCode: 200 });
  });

  it("retries a receiver that answers 500 twice and records every attempt; the last allowed failure marks it Failed", async () => {
    const f = await fixture("notif-retry");
    const { channel } = await createNotificationChannel(admin, {
      name: "flaky",
      kind: "Slack",
      url: receiverUrl,
      teamId: null,
      environmentId: f.prod.id,
      events: ["verification.failed"],
      enabled: true,
    });
    await notify("verification.failed", { promotionId: f.promotion.id });
    const delivery = await getDb().notificationDelivery.findFirstOrThrow({ where: { channelId: channel.id } });
    expect(delivery.payload).toMatchObject({ text: expect.stringContaining("Verification failed"), blocks: expect.any(Array) });

    script = [500, 500, 200];
    expect(await attemptDelivery(delivery.id, { final: false })).toEqual({ state: "retry", error: "HTTP 500" });
    expect(await attemptDelivery(delivery.id, { final: false })).toEqual({ state: "retry", error: "HTTP 500" });
    expect(await attemptDelivery(delivery.id, { final: false })).toEqual({ state: "delivered" });
    expect(await attemptDelivery(delivery.id, { final: false })).toEqual({ state: "skipped" });
    const row = await getDb().notificationDelivery.findUniqueOrThrow({ where: { id: delivery.id } });
    expect(row).toMatchObject({ status: "Delivered", attempts: 3, lastStatusCode: 200, lastError: null });
    expect((row.history as { statusCode: number }[]).map((h) => h.statusCode)).toEqual([500, 500, 200]);

    await notify("verification.failed", { promotionId: f.promotion.id });
    const second = await getDb().notificationDelivery.findFirstOrThrow({ where: { channelId: channel.id, status: "Pending" } });
    script = [503];
    expect(await attemptDelivery(second.id, { final: true })).toEqual({ state: "failed", error: "HTTP 503" });
    expect(await getDb().notificationDelivery.findUniqueOrThrow({ where: { id: second.id } })).toMatchObject({ status: "Failed", attempts: 1, lastStatusCode: 503 });
  });

  it("does not notify disabled channels", async () => {
    const f = await fixture("notif-off");
    const { channel } = await createNotificationChannel(admin, { name: "off", kind: "Generic", url: receiverUrl, teamId: f.team.id, environmentId: null, events: ["rollback.done"], enabled: false });
    await notify("rollback.done", { promotionId: f.promotion.id });
    expect(await getDb().notificationDelivery.count({ where: { channelId: channel.id } })).toBe(0);
  });
});
