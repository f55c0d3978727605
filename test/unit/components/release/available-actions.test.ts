import { describe, expect, it } from "vitest";
import { stageActions, type StageFacts } from "@/components/release/available-actions";

const v1 = { artifactId: "a1", version: "1.0.0", digest: "sha256:1" };
const v2 = { artifactId: "a2", version: "2.0.0", digest: "sha256:2" };
const NONE = { promote: false, approve: false, rollback: false, hold: false };
const ALL = { promote: true, approve: true, rollback: true, hold: true };

function stage(overrides: Partial<StageFacts> = {}): StageFacts {
  return { id: "e", name: "staging", requiredApprovals: 0, current: null, waiting: [], rollbackTarget: null, hold: null, can: NONE, ...overrides };
}

describe("stageActions", () => {
  it("offers to promote this stage's artifact to the next stage when it runs something else there", () => {
    const staging = stage({ current: v2 });
    const prod = stage({ id: "p", name: "prod", requiredApprovals: 2, current: v1, can: { ...NONE, promote: true } });
    expect(stageActions(staging, prod).promote).toEqual({ artifact: v2, target: { id: "p", name: "prod", requiredApprovals: 2, current: v1 } });
  });

  it("does not offer to promote what already runs there, what already waits there, to the last stage, or without permission", () => {
    const staging = stage({ current: v2 });
    expect(stageActions(staging, stage({ name: "prod", current: v2, can: ALL })).promote).toBeNull();
    expect(stageActions(staging, stage({ name: "prod", current: v1, can: ALL, waiting: [{ id: "w", status: "PendingApproval", kind: "Promotion", artifactId: "a2" }] })).promote).toBeNull();
    expect(stageActions(staging, null).promote).toBeNull();
    expect(stageActions(staging, stage({ name: "prod", current: v1, can: { ...ALL, promote: false } })).promote).toBeNull();
    expect(stageActions(stage(), stage({ name: "prod", current: v1, can: ALL })).promote).toBeNull();
  });

  it("a waiting rollback of the same artifact does not hide the promote button", () => {
    const prod = stage({ name: "prod", current: v1, can: ALL, waiting: [{ id: "r", status: "Queued", kind: "Rollback", artifactId: "a2" }] });
    expect(stageActions(stage({ current: v2 }), prod).promote).not.toBeNull();
  });

  it("links an approver to the oldest promotion waiting for approval", () => {
    const waiting = [
      { id: "q", status: "Queued", kind: "Promotion", artifactId: "a1" },
      { id: "p1", status: "PendingApproval", kind: "Promotion", artifactId: "a2" },
      { id: "p2", status: "PendingApproval", kind: "Promotion", artifactId: "a3" },
    ];
    expect(stageActions(stage({ waiting, can: { ...NONE, approve: true } }), null).review).toEqual({ promotionId: "p1" });
    expect(stageActions(stage({ waiting, can: NONE }), null).review).toBeNull();
  });

  it("offers a rollback to operators when something ran here before", () => {
    expect(stageActions(stage({ current: v2, rollbackTarget: v1, can: { ...NONE, rollback: true } }), null).rollback).toEqual({ target: v1 });
    expect(stageActions(stage({ current: v2, rollbackTarget: null, can: ALL }), null).rollback).toBeNull();
    expect(stageActions(stage({ current: v2, rollbackTarget: v1, can: NONE }), null).rollback).toBeNull();
  });

  it("offers to hold, or to clear a hold", () => {
    expect(stageActions(stage({ can: { ...NONE, hold: true } }), null).hold).toBe("hold");
    expect(stageActions(stage({ hold: { reason: "incident" }, can: { ...NONE, hold: true } }), null).hold).toBe("clear");
    expect(stageActions(stage({ hold: { reason: "incident" } }), null).hold).toBeNull();
  });
});
