import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  listPromotionFilterOptions,
  listPromotions,
  parsePromotionFilters,
  PROMOTION_LIST_LIMIT,
} from "@/lib/domain/promotions/list-promotions";
import { testDb, unique } from "../helpers/database";

/** These tests read everything; visibility per caller is covered by the authorization tests. */
const SYSTEM_CTX = { actor: { kind: "system" as const, name: "test" } };

const db = testDb();
afterAll(() => db.$disconnect());

const base = Date.now();
const minutesAgo = (m: number) => new Date(base - m * 60_000);

let serviceSlug: string;
let otherSlug: string;

beforeAll(async () => {
  const team = await db.team.create({ data: { slug: unique("team"), name: "Search" } });
  const user = await db.user.create({ data: { email: `${unique("u")}@example.com`, name: "Ada Lovelace" } });
  async function service(name: string) {
    const slug = unique(name);
    const created = await db.service.create({ data: { slug, name, teamId: team.id, imageRepository: `r/${slug}` } });
    const environments = await Promise.all(
      ["dev", "prod"].map((env, position) =>
        db.environment.create({
          data: { serviceId: created.id, name: env, position, isProduction: env === "prod", namespace: slug, workloadName: slug, containerName: "app" },
        }),
      ),
    );
    const artifact = await db.artifact.create({
      data: {
        serviceId: created.id,
        version: `${name}-1`,
        gitSha: "b".repeat(40),
        commitTime: minutesAgo(500),
        imageRepository: `r/${slug}`,
        imageDigest: `sha256:${randomBytes(32).toString("hex")}`,
      },
    });
    return { slug, environments: environments as [(typeof environments)[0], (typeof environments)[0]], artifact };
  }
  const indexer = await service("indexer");
  const crawler = await service("crawler");
  serviceSlug = indexer.slug;
  otherSlug = crawler.slug;
  const [dev, prod] = indexer.environments;
  await db.promotion.createMany({
    data: [
      { environmentId: dev.id, artifactId: indexer.artifact.id, status: "Succeeded", createdAt: minutesAgo(30), requestedById: user.id },
      { environmentId: prod.id, artifactId: indexer.artifact.id, status: "PendingApproval", createdAt: minutesAgo(10), requestedById: user.id },
      { environmentId: prod.id, artifactId: indexer.artifact.id, status: "Failed", createdAt: minutesAgo(20) },
      { environmentId: crawler.environments[1].id, artifactId: crawler.artifact.id, status: "Failed", createdAt: minutesAgo(5) },
    ],
  });
});

describe("listPromotions", () => {
  it("lists a service's promotions newest first with their environment, artifact and requester", async () => {
    const rows = await listPromotions(SYSTEM_CTX, { service: serviceSlug });
    expect(rows.map((r) => [r.environment.name, r.status])).toEqual([
      ["prod", "PendingApproval"],
      ["prod", "Failed"],
      ["dev", "Succeeded"],
    ]);
    expect(rows[0]).toMatchObject({
      service: { slug: serviceSlug, name: "indexer" },
      environment: { name: "prod", isProduction: true },
      artifact: { version: "indexer-1" },
      requester: { kind: "user", name: "Ada Lovelace" },
    });
    expect(rows[1]!.requester).toBeNull();
  });

  it("combines status, service and environment filters", async () => {
    const failedProd = await listPromotions(SYSTEM_CTX, { service: serviceSlug, environment: "prod", status: "Failed" });
    expect(failedProd).toHaveLength(1);
    expect(failedProd[0]!.createdAt).toEqual(minutesAgo(20));

    const failedEverywhere = await listPromotions(SYSTEM_CTX, { status: "Failed" });
    const slugs = new Set(failedEverywhere.map((r) => r.service.slug));
    expect(slugs.has(serviceSlug) && slugs.has(otherSlug)).toBe(true);
    expect(failedEverywhere.every((r) => r.status === "Failed")).toBe(true);

    expect(await listPromotions(SYSTEM_CTX, { service: serviceSlug, environment: "staging" })).toEqual([]);
  });

  it("returns only the newest PROMOTION_LIST_LIMIT promotions", async () => {
    const [environment] = await db.environment.findMany({ where: { service: { slug: otherSlug } }, orderBy: { position: "asc" } });
    const artifact = await db.artifact.findFirstOrThrow({ where: { service: { slug: otherSlug } } });
    const extra = PROMOTION_LIST_LIMIT + 5;
    await db.promotion.createMany({
      data: Array.from({ length: extra }, (_, i) => ({
        environmentId: environment!.id,
        artifactId: artifact.id,
        status: "Superseded" as const,
        createdAt: minutesAgo(1000 + i),
      })),
    });
    const rows = await listPromotions(SYSTEM_CTX, { service: otherSlug });
    expect(rows).toHaveLength(PROMOTION_LIST_LIMIT);
    expect(rows[0]!.createdAt).toEqual(minutesAgo(5));
    const times = rows.map((r) => r.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });
});

describe("parsePromotionFilters", () => {
  it("keeps valid filters, treats empty values as unset and reports invalid ones", () => {
    expect(parsePromotionFilters({ status: "Failed", service: " checkout ", environment: "" })).toEqual({
      filters: { status: "Failed", service: "checkout" },
      invalid: [],
    });
    expect(parsePromotionFilters({ status: "Exploded", environment: ["prod", "dev"] })).toEqual({
      filters: { environment: "prod" },
      invalid: ["status"],
    });
    expect(parsePromotionFilters({ service: "x".repeat(201) })).toEqual({ filters: {}, invalid: ["service"] });
  });
});

describe("listPromotionFilterOptions", () => {
  it("offers every service and environment names in pipeline order", async () => {
    const options = await listPromotionFilterOptions(SYSTEM_CTX);
    expect(options.services.map((s) => s.slug)).toEqual(expect.arrayContaining([serviceSlug, otherSlug]));
    expect(options.environments.indexOf("dev")).toBeLessThan(options.environments.indexOf("prod"));
  });
});
