import { describe, expect, it } from "vitest";
import { rolesOfUsers } from "@/components/settings/user-roles";

const global = { kind: "global" as const, id: null, label: "global" };
const prod = { kind: "environment" as const, id: "env-prod", label: "payments-api / prod" };

describe("rolesOfUsers", () => {
  const users = [
    { id: "u1", teams: [{ id: "t-pay", slug: "payments" }] },
    { id: "u2", teams: [] },
  ];
  const bindings = [
    { id: "b1", role: "admin", subject: { kind: "user" as const, id: "u2", label: "u2@example.com" }, scope: global },
    { id: "b2", role: "deployer", subject: { kind: "team" as const, id: "t-pay", label: "team payments" }, scope: { kind: "team" as const, id: "t-pay", label: "team payments" } },
    { id: "b3", role: "approver", subject: { kind: "user" as const, id: "u1", label: "u1@example.com" }, scope: prod },
    { id: "b4", role: "viewer", subject: { kind: "team" as const, id: "t-other", label: "team other" }, scope: global },
  ];

  it("combines direct bindings and those of the user's teams", () => {
    const roles = rolesOfUsers(users, bindings);
    expect(roles.get("u1")).toEqual([
      { bindingId: "b2", role: "deployer", scope: "team payments", via: "payments" },
      { bindingId: "b3", role: "approver", scope: "payments-api / prod", via: "direct" },
    ]);
    expect(roles.get("u2")).toEqual([{ bindingId: "b1", role: "admin", scope: "global", via: "direct" }]);
  });

  it("gives a user without bindings an empty list", () => {
    expect(rolesOfUsers([{ id: "u3", teams: [] }], bindings).get("u3")).toEqual([]);
  });
});
