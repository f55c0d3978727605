import { z } from "zod";
import { revokeApiToken } from "@/lib/domain/tokens/revoke-api-token";
import { route } from "@/lib/http/route";

export const DELETE = route({ params: z.object({ id: z.uuid() }) }, async ({ ctx, params }) => ({ apiToken: await revokeApiToken(ctx, params.id) }));
