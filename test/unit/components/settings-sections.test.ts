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
      "API tokens",
    ]);
  });

  it("offers everyone else only their tokens", () => {
    expect(settingsSections(person([{ role: "viewer", via: "direct", scope: { kind: "global" } }])).map((s) => s.href)).toEqual(["/settings/tokens"]);
    expect(settingsSections(person([])).map((s) => s.href)).toEqual(["/settings/tokens"]);
  });

  it("does not treat an admin of one team as a user manager", () => {
    const teamAdmin = person([{ role: "admin", via: "direct", scope: { kind: "team", teamId: "t" } }]);
    expect(settingsSections(teamAdmin).map((s) => s.href)).toEqual(["/settings/tokens"]);
  });
});
