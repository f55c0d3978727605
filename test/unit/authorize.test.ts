import { describe, expect, it } from "vitest";
import type { Actor, EffectiveBinding, TokenActor, UserActor } from "@/lib/auth/actor";
import { authorize, can, canSee, GLOBAL, visibleServicesFilter, type Resource } from "@/lib/auth/authorize";
import { ACTIONS, PERMISSIONS, ROLES } from "@/lib/auth/permissions";
import { AppError } from "@/lib/http/errors";

const svcA: Resource = { kind: "service", serviceId: "svc-a", teamId: "team-1", label: "a" };
const prodA: Resource = { kind: "environment", environmentId: "env-a-prod", serviceId: "svc-a", teamId: "team-1", label: "a / prod" };
const devA: Resource = { kind: "environment", environmentId: "env-a-dev", serviceId: "svc-a", teamId: "team-1", label: "a / dev" };
const prodB: Resource = { kind: "environment", environmentId: "env-b-prod", serviceId: "svc-b", teamId: "team-2", label: "b / prod" };

function user(bindings: EffectiveBinding[], teamServiceIds: Record<string, string[]> = {}): UserActor {
  return { kind: "user", userId: "u1", email: "u@x", name: "U", bindings, teamServiceIds };
}
function token(base: UserActor, scopes: TokenActor["scopes"], serviceIds: string[] | null = null): TokenActor {
  return { ...base, kind: "token", tokenId: "t1", tokenName: "ci", scopes, serviceIds };
}
const g = (role: EffectiveBinding["role"]): EffectiveBinding => ({ role, via: "direct", scope: { kind: "global" } });

function errorOf(fn: () => void): AppError | undefined {
  try {
    fn();
  } catch (error) {
    return error as AppError;
  }
  return undefined;
}

describe("permission matrix", () => {
  it("gives every role read access and admin every action", () => {
    for (const role of ROLES) expect(PERMISSIONS[role]).toContain("service:read");
    expect([...PERMISSIONS.admin].sort()).toEqual([...ACTIONS].sort());
  });
  it("separates requesting from approving", () => {
    expect(PERMISSIONS.deployer).not.toContain("promotion:approve");
    expect(PERMISSIONS.approver).not.toContain("promotion:request");
    expect(PERMISSIONS.operator).toContain("environment:rollback");
    expect(PERMISSIONS.viewer).toEqual(["service:read", "audit:read"]);
  });
});

describe("authorize", () => {
  it("an environment-scoped approver may approve there, only see the rest of the service, and not know other services", () => {
    const approver = user([{ role: "approver", via: "direct", scope: { kind: "environment", environmentId: "env-a-prod", serviceId: "svc-a" } }]);
    expect(() => authorize({ actor: approver, action: "promotion:approve", resource: prodA })).not.toThrow();
    const onDev = errorOf(() => authorize({ actor: approver, action: "promotion:approve", resource: devA }));
    expect(onDev?.status).toBe(403);
    expect(onDev?.message).toContain('"promotion:approve"');
    expect(onDev?.message).toContain("a / dev");
    expect(errorOf(() => authorize({ actor: approver, action: "service:read", resource: svcA }))).toBeUndefined();
    expect(errorOf(() => authorize({ actor: approver, action: "service:read", resource: prodB }))?.status).toBe(404);
  });

  it("team scope covers every environment of the team's services and nothing else", () => {
    const deployer = user([{ role: "deployer", via: "direct", scope: { kind: "team", teamId: "team-1" } }]);
    expect(can(deployer, "promotion:request", prodA)).toBe(true);
    expect(can(deployer, "promotion:request", devA)).toBe(true);
    expect(canSee(deployer, prodB)).toBe(false);
    expect(can(deployer, "promotion:approve", prodA)).toBe(false);
  });

  it("global actions need a global binding: an admin of one team cannot manage users", () => {
    const teamAdmin = user([{ role: "admin", via: "direct", scope: { kind: "team", teamId: "team-1" } }]);
    expect(can(teamAdmin, "environment:manage", prodA)).toBe(true);
    expect(errorOf(() => authorize({ actor: teamAdmin, action: "user:manage", resource: GLOBAL }))?.status).toBe(403);
    expect(can(user([g("admin")]), "user:manage", GLOBAL)).toBe(true);
  });

  it("bindings are additive", () => {
    const both = user([g("viewer"), { role: "operator", via: "oncall", scope: { kind: "service", serviceId: "svc-b" } }]);
    expect(can(both, "environment:rollback", prodB)).toBe(true);
    expect(can(both, "environment:rollback", prodA)).toBe(false);
    expect(canSee(both, prodA)).toBe(true);
  });

  it("a user with no bindings sees nothing", () => {
    const nobody = user([]);
    expect(errorOf(() => authorize({ actor: nobody, action: "service:read", resource: svcA }))?.status).toBe(404);
  });

  it("a token never exceeds its scopes, its services, or its creator", () => {
    const admin = user([g("admin")]);
    const readOnly = token(admin, ["service:read"]);
    expect(can(readOnly, "service:read", prodA)).toBe(true);
    const denied = errorOf(() => authorize({ actor: readOnly, action: "environment:rollback", resource: prodA }));
    expect(denied?.status).toBe(403);
    expect(denied?.message).toContain("token");

    const onlyA = token(admin, ["service:read", "promotion:request"], ["svc-a"]);
    expect(can(onlyA, "promotion:request", prodA)).toBe(true);
    expect(errorOf(() => authorize({ actor: onlyA, action: "service:read", resource: prodB }))?.status).toBe(404);

    const viewerToken = token(user([g("viewer")]), ["service:read", "environment:rollback"]);
    expect(can(viewerToken, "environment:rollback", prodA)).toBe(false);
  });

  it("the system actor may do anything (background work acting for Gantry)", () => {
    const system: Actor = { kind: "system", name: "worker" };
    expect(can(system, "environment:rollback", prodB)).toBe(true);
  });
});

describe("visibleServicesFilter", () => {
  it("is unrestricted for a global binding, and exact otherwise", () => {
    expect(visibleServicesFilter(user([g("viewer")]))).toEqual({ all: true });
    const scoped = user([
      { role: "viewer", via: "direct", scope: { kind: "team", teamId: "team-1" } },
      { role: "approver", via: "direct", scope: { kind: "environment", environmentId: "env-b-prod", serviceId: "svc-b" } },
    ]);
    expect(visibleServicesFilter(scoped)).toEqual({ all: false, serviceIds: ["svc-b"], teamIds: ["team-1"] });
  });

  it("a service-limited token sees only those services, even for a global creator", () => {
    const limited = token(user([g("admin"), { role: "viewer", via: "direct", scope: { kind: "team", teamId: "team-1" } }], { "team-1": ["svc-a", "svc-c"] }), ["service:read"], ["svc-a"]);
    expect(visibleServicesFilter(limited)).toEqual({ all: false, serviceIds: ["svc-a"], teamIds: [] });
  });
});
