"use client";

import { Search, SearchX } from "lucide-react";
import { useEffect, useId, useMemo, useState } from "react";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input, Label, Select } from "@/components/ui/form-controls";
import type { PipelineBoard as Board } from "@/lib/domain/pipelines/get-pipeline-board";
import { countServices, filterBoard } from "./filter-board";
import { PipelineBoard } from "./pipeline-board";

/**
 * The pipeline board with a team filter and a search box. Filtering happens in the browser on the
 * server-rendered board; the filter is mirrored into the address so a filtered board can be shared.
 */
export function BoardView({ board, now, initialTeam = "", initialQuery = "" }: { board: Board; now: Date; initialTeam?: string; initialQuery?: string }) {
  const [team, setTeam] = useState(board.teams.some((t) => t.slug === initialTeam) ? initialTeam : "");
  const [query, setQuery] = useState(initialQuery);
  const teamId = useId();
  const searchId = useId();
  const filtered = useMemo(() => filterBoard(board, { team, query }), [board, team, query]);
  const total = countServices(board);
  const shown = countServices(filtered);
  const active = team !== "" || query.trim() !== "";

  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    if (team) params.set("team", team);
    else params.delete("team");
    if (query.trim()) params.set("q", query.trim());
    else params.delete("q");
    const search = params.toString();
    window.history.replaceState(window.history.state, "", `${window.location.pathname}${search ? `?${search}` : ""}`);
  }, [team, query]);

  if (total === 0) return <PipelineBoard board={board} now={now} />;
  return (
    <>
      <form role="search" aria-label="Filter services" className="mb-5 flex flex-col gap-3 sm:flex-row sm:items-end" onSubmit={(event) => event.preventDefault()}>
        <div className="min-w-0 sm:w-72">
          <Label htmlFor={searchId}>Search</Label>
          <div className="relative mt-1">
            <Search aria-hidden className="pointer-events-none absolute top-1/2 left-2.5 size-4 -translate-y-1/2 text-zinc-400" />
            <Input id={searchId} type="search" value={query} onChange={(event) => setQuery(event.target.value)} placeholder="Service or version" className="pl-8" />
          </div>
        </div>
        {board.teams.length > 1 && (
          <div className="min-w-0 sm:w-48">
            <Label htmlFor={teamId}>Team</Label>
            <Select id={teamId} value={team} onChange={(event) => setTeam(event.target.value)} className="mt-1">
              <option value="">All teams</option>
              {board.teams.map((t) => (
                <option key={t.id} value={t.slug}>
                  {t.name}
                </option>
              ))}
            </Select>
          </div>
        )}
        <p aria-live="polite" className="text-xs text-zinc-500 sm:ml-auto sm:pb-2.5 dark:text-zinc-400">
          {active ? `${shown} of ${total} services` : ""}
        </p>
      </form>
      {shown === 0 ? (
        <EmptyState
          icon={<SearchX />}
          title="No services match"
          action={
            <Button
              variant="secondary"
              onClick={() => {
                setTeam("");
                setQuery("");
              }}
            >
              Clear filters
            </Button>
          }
        >
          Nothing on the board matches {query.trim() ? <>“{query.trim()}”</> : "this filter"}
          {team ? ` in ${board.teams.find((t) => t.slug === team)?.name ?? team}` : ""}.
        </EmptyState>
      ) : (
        <PipelineBoard board={filtered} now={now} />
      )}
    </>
  );
}
