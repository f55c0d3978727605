import { describe, expect, it } from "vitest";
import { countServices, filterBoard } from "@/components/pipelines/filter-board";
import type { BoardEnvironment, BoardService, PipelineBoard } from "@/lib/domain/pipelines/get-pipeline-board";

function env(version: string | null, waiting: string[] = []): BoardEnvironment {
  return {
    id: `e-${version}`,
    name: "prod",
    position: 0,
    isProduction: true,
    requiredApprovals: 1,
    hold: null,
    drift: null,
    freeze: null,
    current: version ? { deploymentId: "d", artifact: { id: "a", version, imageDigest: "sha256:1", gitSha: "f" }, deployedAt: new Date(0), isRollback: false } : null,
    latestPromotion: null,
    lastVerdict: null,
    waitingPromotions: waiting.map((v) => ({ id: v, status: "PendingApproval", kind: "Promotion", artifactId: v, artifactVersion: v, approvals: 0, createdAt: new Date(0) })),
    rollbackTarget: null,
    can: { promote: false, approve: false, rollback: false, hold: false },
  };
}

function service(slug: string, name: string, environments: BoardEnvironment[], description = ""): BoardService {
  return { id: slug, slug, name, description, environments };
}

const BOARD: PipelineBoard = {
  teams: [
    { id: "t1", slug: "payments", name: "Payments", services: [service("payments-api", "Payments API", [env("1.87.0")], "Card payments"), service("ledger", "Ledger", [env("3.51.0", ["3.52.0"])])] },
    { id: "t2", slug: "growth", name: "Growth", services: [service("growth-api", "Growth API", [env("0.41.0")])] },
  ],
};

const names = (board: PipelineBoard) => board.teams.flatMap((t) => t.services.map((s) => s.slug));

describe("filterBoard", () => {
  it("keeps everything without a filter", () => {
    expect(names(filterBoard(BOARD, { team: "", query: "" }))).toEqual(["payments-api", "ledger", "growth-api"]);
  });

  it("narrows to a team and drops teams left empty", () => {
    const board = filterBoard(BOARD, { team: "growth", query: "" });
    expect(board.teams.map((t) => t.slug)).toEqual(["growth"]);
    expect(names(filterBoard(BOARD, { team: "growth", query: "ledger" }))).toEqual([]);
    expect(filterBoard(BOARD, { team: "growth", query: "ledger" }).teams).toEqual([]);
  });

  it("searches names, slugs, descriptions, team names and versions running or waiting, every word", () => {
    expect(names(filterBoard(BOARD, { team: "", query: "API" }))).toEqual(["payments-api", "growth-api"]);
    expect(names(filterBoard(BOARD, { team: "", query: "card" }))).toEqual(["payments-api"]);
    expect(names(filterBoard(BOARD, { team: "", query: "3.52" }))).toEqual(["ledger"]);
    expect(names(filterBoard(BOARD, { team: "", query: "payments 1.87" }))).toEqual(["payments-api"]);
    expect(names(filterBoard(BOARD, { team: "", query: "payments ledger" }))).toEqual(["ledger"]);
    expect(countServices(filterBoard(BOARD, { team: "", query: "nothing-like-this" }))).toBe(0);
  });
});
