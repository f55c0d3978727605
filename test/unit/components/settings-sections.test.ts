import { describe, expect, it } from "vitest";
import { settingsSections } from "@/components/settings/settings-sections";
import type { UserActor } from "@/lib/auth/actor";

function person(bindings: UserActor["bindings"]): UserActor {
  return { kind: "user", userId: "u", email: "p@example.com", name: "P", bindings, teamServiceIds: {} };
}

describe("settingsSections", () => {
  it("offers a global admin every section", () => {
    expect(settingsSections(person([{ role: "admin", via: "direct", scope: { kind: "global" } }])).map((s) => s.label)).toEqual([
      "Users",
      "Teams",
      "Role bindings",
      "Clusters",
      "Environments",
      "Notifications",
      "API tokens",
    ]);
  });

  it("offers everyone else only their tokens", () => {
    expect(settingsSections(person([{ role: "viewer", via: "direct", scope: { kind: "global" } }])).map((s) => s.href)).toEqual(["/settings/tokens"]);
    expect(settingsSections(person([])).map((s) => s.href)).toEqual(["/settings/tokens"]);
  });

  it("does not treat an admin of one team as a user or cluster manager, but lets them manage environments", () => {
    const teamAdmin = person([{ role: "admin", via: "direct", scope: { kind: "team", teamId: "t" } }]);
    expect(settingsSections(teamAdmin).map((s) => s.href)).toEqual(["/settings/environments", "/settings/tokens"]);
    const envAdmin = person([{ role: "admin", via: "direct", scope: { kind: "environment", environmentId: "e", serviceId: "s" } }]);
    expect(settingsSections(envAdmin).map((s) => s.href)).toEqual(["/settings/environments", "/settings/tokens"]);
  });

  it("offers Environments to no one whose roles lack environment:manage", () => {
    const operator = person([{ role: "operator", via: "direct", scope: { kind: "global" } }, { role: "approver", via: "direct", scope: { kind: "team", teamId: "t" } }]);
    expect(settingsSections(operator).map((s) => s.href)).toEqual(["/settings/tokens"]);
  });
});
