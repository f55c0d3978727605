// @vitest-environment jsdom
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { parseClusterRollouts, parseRolloutProgress } from "@/components/release/promotion-model";
import { FleetRollout } from "@/components/release/rollout-progress";

const snapshot = (phase: string, available: number, message = "") => ({ phase, message, desired: 3, updated: 3, ready: available, available, unavailable: 3 - available, crashingPods: [], at: "2026-01-01T00:00:00Z" });
const stored = {
  clusters: [
    { cluster: "sandbox-east", outcome: "succeeded", message: "rolled out", progress: snapshot("succeeded", 3, "rolled out") },
    { cluster: "sandbox-west", outcome: "failed", message: "pod web-1 is crash-looping", progress: snapshot("failed", 1, "pod web-1 is crash-looping") },
  ],
};

afterEach(cleanup);

describe("a fleet's rollout", () => {
  it("reads per cluster, and as one snapshot: replicas summed, failed when any cluster failed, the failing cluster named", () => {
    expect(parseClusterRollouts(stored).map((r) => [r.cluster, r.outcome])).toEqual([
      ["sandbox-east", "succeeded"],
      ["sandbox-west", "failed"],
    ]);
    expect(parseRolloutProgress(stored)).toMatchObject({ phase: "failed", desired: 6, available: 4, message: "sandbox-west: pod web-1 is crash-looping" });
    const bothDone = { clusters: stored.clusters.map((c) => ({ ...c, outcome: "succeeded", progress: snapshot("succeeded", 3) })) };
    expect(parseRolloutProgress(bothDone)).toMatchObject({ phase: "succeeded", desired: 6, available: 6 });
    const oneStillRolling = { clusters: [stored.clusters[0], { cluster: "sandbox-west", message: "", progress: snapshot("progressing", 2) }] };
    expect(parseRolloutProgress(oneStillRolling)?.phase).toBe("progressing");
    // Written before environments spanned clusters: one unnamed cluster.
    expect(parseClusterRollouts(snapshot("succeeded", 3))).toEqual([{ cluster: null, message: "", progress: expect.objectContaining({ desired: 3 }) }]);
    expect(parseClusterRollouts({ clusters: [] })).toEqual([]);
    expect(parseRolloutProgress({ clusters: [{ cluster: "sandbox-east", message: "", progress: null }] })).toBeNull();
  });

  it("shows each cluster under its name with its own progress bar and outcome", () => {
    render(<FleetRollout rollouts={parseClusterRollouts(stored)} running={false} />);
    const list = screen.getByRole("list", { name: "Rollout per cluster" });
    const items = within(list).getAllByRole("listitem");
    expect(items.map((i) => within(i).getByRole("heading").textContent)).toEqual(["sandbox-east· complete", "sandbox-west· failed"]);
    expect(within(items[1]!).getByRole("progressbar", { name: "Replicas available on sandbox-west" }).getAttribute("aria-valuenow")).toBe("1");
    expect(within(items[0]!).getByRole("progressbar", { name: "Replicas available on sandbox-east" }).getAttribute("aria-valuenow")).toBe("3");
    expect(within(items[1]!).getByText("pod web-1 is crash-looping")).toBeTruthy();
  });

  it("says a cluster that has not reported yet is waiting, and names a cluster that could not be deployed to", () => {
    render(
      <FleetRollout
        rollouts={[
          { cluster: "sandbox-east", message: "", progress: null },
          { cluster: "sandbox-west", outcome: "error", message: 'cluster "sandbox-west" denied patch deployment', progress: null },
        ]}
        running
      />,
    );
    expect(screen.getByText("Waiting for the first report from this cluster…")).toBeTruthy();
    expect(screen.getByText('cluster "sandbox-west" denied patch deployment')).toBeTruthy();
    expect(screen.getByText("· could not deploy")).toBeTruthy();
  });
});
