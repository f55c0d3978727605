import type { V1Deployment, V1Pod } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { evaluateRollout } from "@/lib/clusters";

const NEW = "web@sha256:" + "b".repeat(64);
const OLD = "web@sha256:" + "a".repeat(64);

function deployment(status: V1Deployment["status"], generation = 2, replicas = 3): V1Deployment {
  return {
    metadata: { name: "web", generation },
    spec: {
      replicas,
      selector: { matchLabels: { app: "web" } },
      template: { spec: { containers: [{ name: "web", image: NEW }] } },
    },
    status,
  };
}

function pod(name: string, image: string, restartCount: number, waiting?: string): V1Pod {
  return {
    metadata: { name },
    spec: { containers: [{ name: "web", image }] },
    status: { containerStatuses: [{ name: "web", image, imageID: "", ready: false, restartCount, ...(waiting ? { state: { waiting: { reason: waiting } } } : {}) }] },
  };
}

const criteria = { containerName: "web", restartThreshold: 3 };

describe("evaluateRollout", () => {
  it("waits while the controller has not observed the new generation", () => {
    const result = evaluateRollout(deployment({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, availableReplicas: 3 }), [], criteria);
    expect(result.phase).toBe("progressing");
    expect(result.message).toMatch(/observed/);
  });

  it("follows kubectl's order: updated, then old replicas terminating, then available", () => {
    expect(evaluateRollout(deployment({ observedGeneration: 2, replicas: 4, updatedReplicas: 1, availableReplicas: 3 }), [], criteria).message).toBe(
      "1 of 3 new replicas have been updated",
    );
    expect(evaluateRollout(deployment({ observedGeneration: 2, replicas: 4, updatedReplicas: 3, availableReplicas: 3 }), [], criteria).message).toBe(
      "1 old replicas are pending termination",
    );
    expect(evaluateRollout(deployment({ observedGeneration: 2, replicas: 3, updatedReplicas: 3, availableReplicas: 2 }), [], criteria).message).toBe(
      "2 of 3 updated replicas are available",
    );
  });

  it("succeeds when observed, updated, ready and available all reach the desired count", () => {
    const result = evaluateRollout(
      deployment({ observedGeneration: 2, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 }),
      [],
      criteria,
    );
    expect(result).toMatchObject({ phase: "succeeded", desired: 3, updated: 3, ready: 3, available: 3, image: NEW });
  });

  it("fails on ProgressDeadlineExceeded, with the controller's message", () => {
    const result = evaluateRollout(
      deployment({
        observedGeneration: 2,
        replicas: 4,
        updatedReplicas: 1,
        conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded", message: 'ReplicaSet "web-x" has timed out progressing.' }],
      }),
      [],
      criteria,
    );
    expect(result).toMatchObject({ phase: "failed", reason: "ProgressDeadlineExceeded" });
    expect(result.message).toContain("web-x");
  });

  it("fails when a pod of the new image restarts past the threshold, ignoring old-image pods", () => {
    const status = { observedGeneration: 2, replicas: 4, updatedReplicas: 1, availableReplicas: 3 };
    expect(evaluateRollout(deployment(status), [pod("old", OLD, 50), pod("new", NEW, 2, "CrashLoopBackOff")], criteria).phase).toBe("progressing");
    const failed = evaluateRollout(deployment(status), [pod("old", OLD, 50), pod("new", NEW, 3, "CrashLoopBackOff")], criteria);
    expect(failed).toMatchObject({ phase: "failed", reason: "CrashLoop", crashingPods: [{ pod: "new", restartCount: 3, reason: "CrashLoopBackOff" }] });
  });

  it("reports a crash loop rather than the deadline when both apply", () => {
    const status = {
      observedGeneration: 2,
      replicas: 4,
      updatedReplicas: 1,
      conditions: [{ type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded" }],
    };
    expect(evaluateRollout(deployment(status), [pod("new", NEW, 9, "CrashLoopBackOff")], criteria).reason).toBe("CrashLoop");
  });

  it("fails at once on image pull errors of the new image", () => {
    const status = { observedGeneration: 2, replicas: 4, updatedReplicas: 1, availableReplicas: 3 };
    const result = evaluateRollout(deployment(status), [pod("new", NEW, 0, "ImagePullBackOff")], criteria);
    expect(result).toMatchObject({ phase: "failed", reason: "CrashLoop" });
    expect(result.message).toContain("ImagePullBackOff");
  });
});
