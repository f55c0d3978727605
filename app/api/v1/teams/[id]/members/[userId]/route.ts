import { z } from "zod";
import { removeTeamMember } from "@/lib/domain/teams/change-team-membership";
import { route } from "@/lib/http/route";

export const DELETE = route({ params: z.object({ id: z.uuid(), userId: z.uuid() }) }, async ({ ctx, params }) =>
  removeTeamMember(ctx, params.id, params.userId),
);
