import { createTeam, createTeamInput } from "@/lib/domain/teams/create-team";
import { listTeams } from "@/lib/domain/teams/list-teams";
import { route } from "@/lib/http/route";

export const GET = route({}, async ({ ctx }) => ({ teams: await listTeams(ctx) }));

export const POST = route({ body: createTeamInput }, async ({ ctx, body }) => Response.json({ team: await createTeam(ctx, body) }, { status: 201 }));
