import { describe, expect, it } from "vitest";
import { roleBindingRequest, type GrantRoleState } from "@/components/settings/role-binding-request";

const base: GrantRoleState = { role: "approver", subjectKind: "user", subjectId: "u1", scopeKind: "global", scopeId: "" };

describe("roleBindingRequest", () => {
  it("builds a global grant to a user, ignoring a leftover scope id", () => {
    expect(roleBindingRequest({ ...base, scopeId: "stale" })).toEqual({
      ok: true,
      body: { role: "approver", subject: { userId: "u1" }, scope: { kind: "global" } },
    });
  });

  it("builds a grant to a team on one environment", () => {
    expect(roleBindingRequest({ ...base, subjectKind: "team", subjectId: "t1", scopeKind: "environment", scopeId: "e1" })).toEqual({
      ok: true,
      body: { role: "approver", subject: { teamId: "t1" }, scope: { kind: "environment", environmentId: "e1" } },
    });
  });

  it.each([
    ["team", { kind: "team", teamId: "x" }],
    ["service", { kind: "service", serviceId: "x" }],
  ] as const)("builds a %s scope", (scopeKind, scope) => {
    expect(roleBindingRequest({ ...base, scopeKind, scopeId: "x" })).toMatchObject({ ok: true, body: { scope } });
  });

  it("says what is missing", () => {
    expect(roleBindingRequest({ ...base, role: "" })).toEqual({ ok: false, message: "Choose a role." });
    expect(roleBindingRequest({ ...base, role: "superuser" })).toEqual({ ok: false, message: "Choose a role." });
    expect(roleBindingRequest({ ...base, subjectId: "" })).toEqual({ ok: false, message: "Choose a user." });
    expect(roleBindingRequest({ ...base, subjectKind: "team", subjectId: "" })).toEqual({ ok: false, message: "Choose a team." });
    expect(roleBindingRequest({ ...base, scopeKind: "service", scopeId: "" })).toEqual({ ok: false, message: "Choose the service the role applies to." });
  });
});
