import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { UserActor } from "@/lib/auth/actor";
import { listServiceScopes } from "@/lib/domain/services/list-service-scopes";
import { testDb, unique } from "../helpers/database";

const db = testDb();
afterAll(() => db.$disconnect());

async function serviceWithEnvironments(teamId: string, names: string[]) {
  const slug = unique("svc");
  const service = await db.service.create({ data: { slug, name: slug, teamId, imageRepository: `registry.example.com/${slug}` } });
  // Inserted in reverse so the result has to be ordered by position, not insertion.
  for (const [position, name] of [...names.entries()].reverse()) {
    await db.environment.create({ data: { serviceId: service.id, name, position, namespace: slug, workloadName: slug, containerName: "app" } });
  }
  return service;
}

function person(bindings: UserActor["bindings"], teamServiceIds: Record<string, string[]> = {}): UserActor {
  return { kind: "user", userId: "00000000-0000-4000-8000-000000000000", email: "p@example.com", name: "P", bindings, teamServiceIds };
}

describe("listServiceScopes", () => {
  let teamA: { id: string };
  let teamB: { id: string };
  let a1: { id: string; slug: string };
  let a2: { id: string; slug: string };
  let b1: { id: string; slug: string };

  beforeAll(async () => {
    teamA = await db.team.create({ data: { slug: unique("team"), name: "A" } });
    teamB = await db.team.create({ data: { slug: unique("team"), name: "B" } });
    a1 = await serviceWithEnvironments(teamA.id, ["dev", "staging", "prod"]);
    a2 = await serviceWithEnvironments(teamA.id, ["dev"]);
    b1 = await serviceWithEnvironments(teamB.id, ["dev", "prod"]);
  });

  it("gives a global role every service, environments in pipeline order", async () => {
    const scopes = await listServiceScopes({ actor: person([{ role: "viewer", via: "direct", scope: { kind: "global" } }]) });
    const ids = scopes.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining([a1.id, a2.id, b1.id]));
    expect(scopes.find((s) => s.id === a1.id)!.environments.map((e) => e.name)).toEqual(["dev", "staging", "prod"]);
    expect(scopes.find((s) => s.id === b1.id)!.team.id).toBe(teamB.id);
  });

  it("limits a team-scoped role to that team's services", async () => {
    const scopes = await listServiceScopes({
      actor: person([{ role: "deployer", via: "direct", scope: { kind: "team", teamId: teamA.id } }], { [teamA.id]: [a1.id, a2.id] }),
    });
    expect(scopes.map((s) => s.id).sort()).toEqual([a1.id, a2.id].sort());
  });

  it("reveals the service of an environment-scoped role, and nothing else", async () => {
    const prod = await db.environment.findFirstOrThrow({ where: { serviceId: b1.id, name: "prod" } });
    const scopes = await listServiceScopes({
      actor: person([{ role: "approver", via: "direct", scope: { kind: "environment", environmentId: prod.id, serviceId: b1.id } }]),
    });
    expect(scopes.map((s) => s.slug)).toEqual([b1.slug]);
  });

  it("is empty for someone without roles", async () => {
    expect(await listServiceScopes({ actor: person([]) })).toEqual([]);
  });
});
