import type { ArtifactRef } from "./from-to";

/** The parts of a pipeline stage that decide which release actions it offers (board and service page alike). */
export interface StageFacts {
  id: string;
  name: string;
  requiredApprovals: number;
  current: (ArtifactRef & { artifactId: string }) | null;
  /** Promotions waiting to run there, oldest first. */
  waiting: { id: string; status: string; kind: string; artifactId: string }[];
  rollbackTarget: (ArtifactRef & { artifactId: string }) | null;
  hold: { reason: string | null } | null;
  can: { promote: boolean; approve: boolean; rollback: boolean; hold: boolean };
}

export interface StageActions {
  /** Move this stage's artifact one stage on. */
  promote: { artifact: ArtifactRef & { artifactId: string }; target: { id: string; name: string; requiredApprovals: number; current: ArtifactRef | null } } | null;
  /** The promotion into this stage that waits for the viewer's approval. */
  review: { promotionId: string } | null;
  rollback: { target: ArtifactRef & { artifactId: string } } | null;
  hold: "hold" | "clear" | null;
}

/**
 * What the viewer may do on a stage, from data already on the page (no request per cell):
 * promote when the next stage runs something else and nothing for this artifact waits there yet;
 * review when a promotion here waits for approval and the viewer approves here; roll back when
 * something ran here before the current artifact.
 */
export function stageActions(stage: StageFacts, next: StageFacts | null): StageActions {
  const current = stage.current;
  const alreadyWaiting = (target: StageFacts, artifactId: string) => target.waiting.some((p) => p.kind === "Promotion" && p.artifactId === artifactId);
  const promote =
    current && next && next.can.promote && next.current?.artifactId !== current.artifactId && !alreadyWaiting(next, current.artifactId)
      ? { artifact: current, target: { id: next.id, name: next.name, requiredApprovals: next.requiredApprovals, current: next.current } }
      : null;
  const pending = stage.can.approve ? stage.waiting.find((p) => p.status === "PendingApproval") : undefined;
  return {
    promote,
    review: pending ? { promotionId: pending.id } : null,
    rollback: stage.can.rollback && current && stage.rollbackTarget ? { target: stage.rollbackTarget } : null,
    hold: stage.can.hold ? (stage.hold ? "clear" : "hold") : null,
  };
}
