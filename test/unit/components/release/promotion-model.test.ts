import { describe, expect, it } from "vitest";
import { sentence } from "@/components/release/blocker-list";
import { buildTimeline, parseRolloutProgress, pollInterval, type PromotionDetailJson } from "@/components/release/promotion-model";

function detail(overrides: { status?: string; kind?: string; rolloutProgress?: unknown; timeline?: PromotionDetailJson["timeline"] } = {}): PromotionDetailJson {
  return {
    promotion: {
      id: "p",
      kind: overrides.kind ?? "Promotion",
      status: overrides.status ?? "PendingApproval",
      reason: "",
      freezeOverrideReason: null,
      failureReason: null,
      rolloutProgress: overrides.rolloutProgress ?? null,
      service: { id: "s", slug: "payments-api", name: "Payments API" },
      environment: { id: "e", name: "prod", isProduction: true, requiredApprovals: 2 },
      artifact: { id: "a", version: "1.87.0", gitSha: "f".repeat(40), imageRepository: "r", imageDigest: "sha256:1", image: "r@sha256:1" },
      requestedBy: { id: "u1", email: "deployer@example.com", name: "Dana Whitfield" },
      requestedVia: null,
      approvals: [{ id: "ap", decision: "Approve", comment: "ok", createdAt: "2026-01-01T10:00:00.000Z", user: { id: "u2", email: "prod-approver@example.com", name: "Priya Raman" } }],
      deployment: null,
      createdAt: "2026-01-01T09:00:00.000Z",
      updatedAt: "2026-01-01T11:00:00.000Z",
      approvedAt: null,
      queuedAt: null,
      startedAt: null,
      finishedAt: null,
    },
    policy: { blockers: [], requiredApprovals: 2, countedApprovals: ["prod-approver@example.com"], quorumMet: false },
    timeline: overrides.timeline ?? [],
    diff: { from: null, to: { id: "a", version: "1.87.0", image: "r@sha256:1" }, versionsSkipped: [], commits: [] },
    actions: { approve: { allowed: true, reason: null }, abort: { allowed: false } },
  };
}

const event = (id: string, action: string, actorLabel: string, after: PromotionDetailJson["timeline"][number]["after"] = null) => ({ id, occurredAt: `2026-01-01T10:0${id}:00.000Z`, actorLabel, action, after });

describe("buildTimeline", () => {
  it("tells the story from the audit events, with people by name and their words as quotes", () => {
    const entries = buildTimeline(
      detail({
        status: "Succeeded",
        timeline: [
          event("1", "promotion.request", "deployer@example.com", { status: "PendingApproval", reason: "Refunds v2" }),
          event("2", "promotion.approve", "prod-approver@example.com", { decision: "Approve", comment: "ok" }),
          event("3", "promotion.approve", "approver@example.com (token ci)", { decision: "Approve", comment: "" }),
          event("4", "promotion.approved", "approver@example.com", { status: "Queued" }),
          event("5", "promotion.deploying", "system:promotion-engine", { replaces: "1.86.1" }),
          event("6", "promotion.succeeded", "system:promotion-engine", { status: "Succeeded" }),
        ],
      }),
    );
    expect(entries.map((e) => [e.title, e.actor, e.quote ?? null, e.detail ?? null])).toEqual([
      ["Requested 1.87.0 for prod", "Dana Whitfield", "Refunds v2", "Waiting for 2 approvals"],
      ["Approved", "Priya Raman", "ok", null],
      ["Approved", "approver@example.com (API token ci)", null, null],
      ["Approval quorum met: queued for deployment", null, null, null],
      ["Deploying to prod", "Gantry", null, "Replacing 1.86.1"],
      ["Running in prod", "Gantry", null, null],
    ]);
  });

  it("ends with a live row while the rollout runs, capped at the desired replicas", () => {
    const entries = buildTimeline(detail({ status: "Deploying", rolloutProgress: { phase: "progressing", message: "1 old replicas are pending termination", desired: 3, updated: 3, ready: 4, available: 4 } }));
    expect(entries.at(-1)).toMatchObject({ current: true, title: "Rolling out: 3 of 3 replicas available", detail: "1 old replicas are pending termination" });
  });

  it("says when a verification's verdict is due", () => {
    const entries = buildTimeline(detail({ status: "Verifying", timeline: [event("1", "promotion.verifying", "system:promotion-engine", { status: "Verifying", judgeAt: "2026-01-01T10:25:00.000Z" })] }));
    expect(entries[0]).toMatchObject({ title: "Rollout complete: verifying metrics", detail: "Comparing before and after; the verdict is due 10:25 UTC" });
  });

  it("records rollbacks with their reason and failures with theirs", () => {
    const rollback = buildTimeline(detail({ kind: "Rollback", status: "Queued", timeline: [event("1", "environment.rollback", "oncall@example.com", { to: "1.86.1", reason: "INC-1" })] }));
    expect(rollback[0]).toMatchObject({ title: "Rollback to 1.87.0 requested", quote: "INC-1", detail: "prod is on hold until someone clears it" });
    const failed = buildTimeline(detail({ status: "Failed", timeline: [event("1", "promotion.failed", "system:promotion-engine", { reason: "CrashLoop: pod x restarted 3 times" })] }));
    expect(failed[0]).toMatchObject({ title: "Failed", quote: "CrashLoop: pod x restarted 3 times", tone: "danger" });
  });
});

describe("pollInterval", () => {
  it("polls every second while the promotion is about to run or running, slower while it waits for people, never once over", () => {
    expect(["Approved", "Queued", "Deploying", "Verifying"].map(pollInterval)).toEqual([1000, 1000, 1000, 1000]);
    expect(pollInterval("PendingApproval")).toBe(5000);
    expect(["Succeeded", "Failed", "Rejected", "Aborted", "Superseded", "RolledBack"].map(pollInterval)).toEqual([false, false, false, false, false, false]);
  });
});

describe("parseRolloutProgress", () => {
  it("reads the worker's snapshot and ignores anything else", () => {
    expect(parseRolloutProgress({ phase: "progressing", message: "m", desired: 3, updated: 1, ready: 1, available: 0, unavailable: 3, crashingPods: [], at: "x" })).toMatchObject({ desired: 3, updated: 1 });
    expect(parseRolloutProgress(null)).toBeNull();
    expect(parseRolloutProgress({ phase: "progressing" })).toBeNull();
    expect(parseRolloutProgress("3/3")).toBeNull();
  });
});

describe("sentence", () => {
  it("capitalises a blocker unless it starts with a name", () => {
    expect(sentence("needs 1 more approval from an approver of ledger / prod")).toBe("Needs 1 more approval from an approver of ledger / prod");
    expect(sentence("ledger / prod is on hold: INC-1; clear the hold to promote")).toBe("ledger / prod is on hold: INC-1; clear the hold to promote");
    expect(sentence("payments-api / prod is frozen")).toBe("payments-api / prod is frozen");
  });
});
