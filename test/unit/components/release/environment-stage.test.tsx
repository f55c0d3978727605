// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { BoardEnvironment } from "@/lib/domain/pipelines/get-pipeline-board";

vi.mock("next/navigation", () => ({ useRouter: () => ({ push: vi.fn(), refresh: vi.fn() }) }));

const { EnvironmentStage } = await import("@/components/pipelines/environment-stage");

const NOW = new Date("2026-11-25T12:00:00Z");

function environment(lastVerdict: BoardEnvironment["lastVerdict"], drift: BoardEnvironment["drift"] = null): BoardEnvironment {
  return {
    id: "e1",
    name: "prod",
    position: 2,
    isProduction: true,
    requiredApprovals: 1,
    hold: null,
    drift,
    freeze: null,
    current: { deploymentId: "d1", artifact: { id: "a1", version: "1.87.0", imageDigest: `sha256:${"c".repeat(64)}`, gitSha: "f".repeat(40) }, deployedAt: NOW, isRollback: false },
    latestPromotion: null,
    lastVerdict,
    waitingPromotions: [],
    rollbackTarget: null,
    can: { promote: false, approve: false, rollback: false, hold: false },
  };
}

function renderStage(env: BoardEnvironment) {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <ul>
        <EnvironmentStage service={{ name: "Payments API", slug: "payments-api" }} environment={env} next={null} now={NOW} />
      </ul>
    </QueryClientProvider>,
  );
  return screen.getByRole("listitem", { name: "prod" });
}

describe("EnvironmentStage", () => {
  afterEach(cleanup);

  it("shows the last verdict with its release and score, linking to the evidence", () => {
    const stage = renderStage(environment({ analysisId: "an-1", verdict: "Fail", score: 12.5, artifactVersion: "1.88.0", finishedAt: new Date("2026-11-25T11:00:00Z") }));
    const link = within(stage).getByRole("link", { name: /Last verification verdict: Fail/ });
    expect(link.getAttribute("href")).toBe("/analyses/an-1");
    const line = within(stage).getByTestId("last-verdict");
    expect(line.textContent).toContain("1.88.0");
    expect(line.textContent).toContain("score 12.5");
  });

  it("says in text which clusters drifted and what they run (not only in the badge's tooltip)", () => {
    const live = `registry.example.com/payments@sha256:${"d".repeat(64)}`;
    const drift = {
      detectedAt: new Date("2026-11-25T10:00:00Z"),
      liveImage: live,
      clusters: [
        { cluster: "sandbox-east", detectedAt: new Date("2026-11-25T10:00:00Z"), liveImage: live },
        { cluster: "sandbox-west", detectedAt: new Date("2026-11-25T10:05:00Z"), liveImage: "registry.example.com/payments:hotfix" },
      ],
    };
    const stage = renderStage(environment(null, drift));
    expect(within(stage).getByTestId("drift-detail").textContent).toBe("Drift: sandbox-east runs dddddddddddd; sandbox-west runs payments:hotfix");
  });

  it("shows no verdict line where no release was judged", () => {
    const stage = renderStage(environment(null));
    expect(within(stage).queryByTestId("last-verdict")).toBeNull();
    expect(within(stage).queryByTestId("drift-detail")).toBeNull();
    expect(within(stage).queryByRole("link", { name: /verdict/i })).toBeNull();
  });
});
