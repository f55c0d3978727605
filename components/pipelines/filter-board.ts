import type { PipelineBoard } from "@/lib/domain/pipelines/get-pipeline-board";

export interface BoardFilter {
  /** Team slug; empty for every team. */
  team: string;
  /** Matches service name, slug or description, or a version running or waiting anywhere in its pipeline. */
  query: string;
}

/** The board narrowed to a team and a search, keeping team order and dropping teams left empty. */
export function filterBoard(board: PipelineBoard, filter: BoardFilter): PipelineBoard {
  const terms = filter.query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const teams = board.teams
    .filter((team) => !filter.team || team.slug === filter.team)
    .map((team) => ({
      ...team,
      services: team.services.filter((service) => {
        if (terms.length === 0) return true;
        const haystack = [
          service.name,
          service.slug,
          service.description,
          team.name,
          ...service.environments.flatMap((e) => [e.current?.artifact.version, ...e.waitingPromotions.map((p) => p.artifactVersion)]),
        ]
          .filter((value): value is string => Boolean(value))
          .join("\n")
          .toLowerCase();
        return terms.every((term) => haystack.includes(term));
      }),
    }))
    .filter((team) => team.services.length > 0);
  return { teams };
}

export function countServices(board: PipelineBoard) {
  return board.teams.reduce((sum, team) => sum + team.services.length, 0);
}
