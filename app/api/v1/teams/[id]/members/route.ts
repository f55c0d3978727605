import { z } from "zod";
import { addTeamMember } from "@/lib/domain/teams/change-team-membership";
import { route } from "@/lib/http/route";

export const POST = route(
  { params: z.object({ id: z.uuid() }), body: z.object({ userId: z.uuid() }) },
  async ({ ctx, params, body }) => addTeamMember(ctx, params.id, body.userId),
);
