import { z } from "zod";
import { holdEnvironment, holdEnvironmentInput, releaseEnvironmentHold } from "@/lib/domain/environments/hold-environment";
import { route } from "@/lib/http/route";

const params = z.object({ id: z.uuid() });

export const POST = route({ params, body: holdEnvironmentInput }, async ({ ctx, params, body }) => ({ hold: await holdEnvironment(ctx, params.id, body) }));

export const DELETE = route({ params }, async ({ ctx, params }) => ({ hold: await releaseEnvironmentHold(ctx, params.id) }));
