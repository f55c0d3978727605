import { z } from "zod";
import { updateEnvironment, updateEnvironmentInput } from "@/lib/domain/environments/update-environment";
import { route } from "@/lib/http/route";

export const PATCH = route({ params: z.object({ id: z.uuid() }), body: updateEnvironmentInput }, async ({ ctx, params, body }) => ({
  environment: await updateEnvironment(ctx, params.id, body),
}));
