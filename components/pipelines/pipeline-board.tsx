import { Boxes } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";
import type { PipelineBoard as Board } from "@/lib/domain/pipelines/get-pipeline-board";
import { ServicePipeline } from "./service-pipeline";

export function PipelineBoard({ board, now }: { board: Board; now: Date }) {
  if (board.teams.length === 0) {
    return (
      <EmptyState icon={<Boxes />} title="No services yet">
        Once a service and its environments are registered, its pipeline appears here: the artifact running in every
        stage, when it got there, and the state of the latest promotion.
      </EmptyState>
    );
  }
  return (
    <div className="space-y-8">
      {board.teams.map((team) => {
        const headingId = `team-${team.slug}`;
        return (
          <section key={team.id} aria-labelledby={headingId}>
            <div className="mb-3 flex items-baseline gap-2">
              <h2 id={headingId} className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
                {team.name}
              </h2>
              <span className="text-xs text-zinc-500 dark:text-zinc-400">
                {team.services.length} {team.services.length === 1 ? "service" : "services"}
              </span>
            </div>
            <ul className="space-y-3">
              {team.services.map((service) => (
                <ServicePipeline key={service.id} service={service} now={now} />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
