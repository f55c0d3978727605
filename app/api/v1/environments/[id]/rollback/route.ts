import { z } from "zod";
import { rollbackEnvironment, rollbackEnvironmentInput } from "@/lib/domain/environments/rollback-environment";
import { route } from "@/lib/http/route";

export const POST = route({ params: z.object({ id: z.uuid() }), body: rollbackEnvironmentInput }, async ({ ctx, params, body }) => {
  const { promotion, created } = await rollbackEnvironment(ctx, params.id, body);
  return Response.json({ promotion }, { status: created ? 202 : 200 });
});
