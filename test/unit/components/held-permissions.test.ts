import { describe, expect, it } from "vitest";
import { heldPermissions } from "@/components/settings/held-permissions";
import { ACTIONS } from "@/lib/auth/permissions";

describe("heldPermissions", () => {
  it("is empty without bindings", () => {
    expect(heldPermissions([])).toEqual([]);
  });

  it("gives a viewer only read permissions", () => {
    expect(heldPermissions([{ role: "viewer" }])).toEqual(["service:read", "audit:read"]);
  });

  it("unions several roles without duplicates, in matrix order", () => {
    expect(heldPermissions([{ role: "approver" }, { role: "deployer" }, { role: "viewer" }])).toEqual([
      "service:read",
      "audit:read",
      "artifact:register",
      "promotion:request",
      "promotion:approve",
    ]);
  });

  it("gives an admin every action", () => {
    expect(heldPermissions([{ role: "admin" }])).toEqual([...ACTIONS]);
  });
});
