import { describe, expect, it } from "vitest";
import { evaluatePromotionPolicy, type PolicyInput } from "@/lib/policy/evaluate-promotion-policy";
import { activeFreeze, type FreezeWindowRule } from "@/lib/policy/freeze-windows";
import { formatDuration } from "@/lib/policy/format-duration";
import { assertTransition, canTransition, TERMINAL_STATUSES } from "@/lib/domain/promotions/lifecycle";

const now = new Date("2026-11-25T12:00:00Z");

function input(overrides: Partial<PolicyInput> = {}): PolicyInput {
  return {
    now,
    kind: "Promotion",
    environment: { label: "payments / prod", requiredApprovals: 2, requireUpstreamSuccess: true, minSoakMinutes: 60, heldAt: null, holdReason: null },
    previousEnvironment: { name: "staging" },
    upstreamSucceededAt: new Date(now.getTime() - 2 * 3600_000),
    requesterId: "requester",
    commitAuthorEmails: ["Author@Example.com"],
    approvals: [],
    freezeWindows: [],
    freezeOverridden: false,
    ...overrides,
  };
}

const approve = (userId: string, email = `${userId}@example.com`) => ({ userId, email, decision: "Approve" as const });

describe("quorum", () => {
  it("needs the configured number of distinct approvals and says how many are missing", () => {
    const result = evaluatePromotionPolicy(input({ approvals: [approve("a")] }));
    expect(result.quorumMet).toBe(false);
    expect(result.blockers).toEqual([{ code: "approvals", message: "needs 1 more approval from an approver of payments / prod (not the requester or a commit author)" }]);
    expect(evaluatePromotionPolicy(input({ approvals: [approve("a"), approve("b")] })).quorumMet).toBe(true);
  });

  it("never counts the requester, a commit author (case-insensitive), or one person twice", () => {
    const result = evaluatePromotionPolicy(
      input({ approvals: [approve("requester"), approve("x", "author@example.com"), approve("a"), approve("a")] }),
    );
    expect(result.countedApprovals.map((a) => a.userId)).toEqual(["a"]);
    expect(result.quorumMet).toBe(false);
  });

  it("any rejection rejects", () => {
    const result = evaluatePromotionPolicy(input({ approvals: [approve("a"), approve("b"), { userId: "c", email: "c@x", decision: "Reject" }] }));
    expect(result.rejected).toBe(true);
    expect(result.quorumMet).toBe(false);
    expect(result.blockers.map((b) => b.code)).toEqual(["rejected"]);
  });

  it("zero required approvals is met immediately", () => {
    const env = { ...input().environment, requiredApprovals: 0 };
    expect(evaluatePromotionPolicy(input({ environment: env })).quorumMet).toBe(true);
  });
});

describe("prerequisites", () => {
  it("blocks an artifact that never succeeded upstream", () => {
    const result = evaluatePromotionPolicy(input({ upstreamSucceededAt: null, approvals: [approve("a"), approve("b")] }));
    expect(result.prerequisitesMet).toBe(false);
    expect(result.blockers).toEqual([{ code: "upstream", message: "the artifact has not succeeded in staging yet" }]);
  });

  it("reports the soak time left in words and when it ends", () => {
    const succeeded = new Date(now.getTime() - 48 * 60_000);
    const result = evaluatePromotionPolicy(input({ upstreamSucceededAt: succeeded, approvals: [approve("a"), approve("b")] }));
    expect(result.blockers).toEqual([
      { code: "soak", message: "soak time in staging: 12m left", until: new Date(succeeded.getTime() + 60 * 60_000) },
    ]);
  });

  it("has no upstream requirement for the first stage", () => {
    const env = { ...input().environment, requiredApprovals: 0 };
    expect(evaluatePromotionPolicy(input({ environment: env, previousEnvironment: null, upstreamSucceededAt: null })).blockers).toEqual([]);
  });

  it("a held environment takes no promotions but takes rollbacks", () => {
    const env = { ...input().environment, heldAt: now, holdReason: "rolled back at 03:12" };
    expect(evaluatePromotionPolicy(input({ environment: env })).blockers[0]).toEqual({
      code: "hold",
      message: "payments / prod is on hold: rolled back at 03:12; clear the hold to promote",
    });
    const rollback = evaluatePromotionPolicy(input({ environment: env, kind: "Rollback", upstreamSucceededAt: null }));
    expect(rollback).toMatchObject({ blockers: [], quorumMet: true, prerequisitesMet: true, requiredApprovals: 0 });
  });
});

describe("freeze windows", () => {
  const fridayAfternoonBerlin: FreezeWindowRule = {
    id: "w",
    kind: "Weekly",
    reason: "no Friday deploys",
    startsAt: null,
    endsAt: null,
    dayOfWeek: 5,
    startMinute: 14 * 60,
    durationMinutes: 3 * 24 * 60 - 14 * 60, // until Monday 00:00
    timeZone: "Europe/Berlin",
  };

  it("applies weekly windows in their own time zone", () => {
    // 2026-11-27 is a Friday; 14:30 in Berlin (CET, UTC+1) is 13:30 UTC.
    expect(activeFreeze([fridayAfternoonBerlin], new Date("2026-11-27T13:30:00Z"))?.endsAt).toEqual(new Date("2026-11-29T23:00:00Z"));
    expect(activeFreeze([fridayAfternoonBerlin], new Date("2026-11-27T12:30:00Z"))).toBeNull();
    expect(activeFreeze([fridayAfternoonBerlin], new Date("2026-11-29T22:59:00Z"))).not.toBeNull();
    expect(activeFreeze([fridayAfternoonBerlin], new Date("2026-11-29T23:00:00Z"))).toBeNull();
  });

  it("follows daylight saving time: 14:00 Berlin is 12:00 UTC in summer", () => {
    // 2026-07-03 is a Friday (CEST, UTC+2).
    expect(activeFreeze([fridayAfternoonBerlin], new Date("2026-07-03T12:00:00Z"))).not.toBeNull();
    expect(activeFreeze([fridayAfternoonBerlin], new Date("2026-07-03T11:59:00Z"))).toBeNull();
  });

  it("applies one-off ranges, end exclusive, and blocks promotion unless overridden", () => {
    const window: FreezeWindowRule = {
      id: "o",
      kind: "OneOff",
      reason: "Black Friday",
      startsAt: new Date("2026-11-25T00:00:00Z"),
      endsAt: new Date("2026-11-26T00:00:00Z"),
      dayOfWeek: null,
      startMinute: null,
      durationMinutes: null,
      timeZone: "UTC",
    };
    const approvals = [approve("a"), approve("b")];
    const frozen = evaluatePromotionPolicy(input({ freezeWindows: [window], approvals }));
    expect(frozen.blockers).toEqual([
      { code: "freeze", message: "payments / prod is frozen (Black Friday) for 12h more; an admin may override with a reason", until: window.endsAt },
    ]);
    expect(frozen.prerequisitesMet).toBe(false);
    expect(evaluatePromotionPolicy(input({ freezeWindows: [window], approvals, freezeOverridden: true })).blockers).toEqual([]);
    expect(evaluatePromotionPolicy(input({ freezeWindows: [window], kind: "Rollback" })).blockers).toEqual([]);
    expect(activeFreeze([window], window.endsAt!)).toBeNull();
  });
});

describe("lifecycle", () => {
  it("allows the happy path and refuses going backwards or leaving a terminal state", () => {
    const path = ["PendingApproval", "Approved", "Queued", "Deploying", "Verifying", "Succeeded"] as const;
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
    expect(canTransition("Succeeded", "Deploying")).toBe(false);
    expect(() => assertTransition("Rejected", "Approved")).toThrowError(/cannot become Approved/);
    expect([...TERMINAL_STATUSES].sort()).toEqual(["Aborted", "Failed", "Rejected", "RolledBack", "Superseded"]);
  });
});

describe("formatDuration", () => {
  it("reads like a person would say it", () => {
    expect([45_000, 12 * 60_000, 72 * 60_000, 3 * 3600_000, 76 * 3600_000].map(formatDuration)).toEqual(["45s", "12m", "1h 12m", "3h", "3d 4h"]);
  });
});
