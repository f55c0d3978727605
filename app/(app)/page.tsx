import type { Metadata } from "next";
import { BoardView } from "@/components/pipelines/board-view";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageContext } from "@/lib/auth/page-actor";
import { getPipelineBoard } from "@/lib/domain/pipelines/get-pipeline-board";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Pipelines" };

export default async function PipelinesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? "";
  const ctx = await requirePageContext("/");
  const board = await getPipelineBoard(ctx);
  const services = board.teams.flatMap((team) => team.services);
  const environments = services.flatMap((service) => service.environments);
  const held = environments.filter((environment) => environment.hold).length;
  return (
    <>
      <PageHeader
        title="Pipelines"
        description="What runs in every environment, and where each release is on its way to production."
        meta={
          services.length > 0 && (
            <>
              <span>
                {services.length} {services.length === 1 ? "service" : "services"}
              </span>
              <span>
                {environments.length} {environments.length === 1 ? "environment" : "environments"}
              </span>
              {held > 0 && <span className="font-medium text-amber-700 dark:text-amber-400">{held} held</span>}
            </>
          )
        }
      />
      <BoardView board={board} now={new Date()} initialTeam={first(params.team)} initialQuery={first(params.q)} />
    </>
  );
}
