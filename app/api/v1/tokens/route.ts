import { z } from "zod";
import { createApiToken, createApiTokenInput } from "@/lib/domain/tokens/create-api-token";
import { listApiTokens } from "@/lib/domain/tokens/list-api-tokens";
import { route } from "@/lib/http/route";

export const GET = route({ query: z.object({ all: z.enum(["true", "false"]).optional() }) }, async ({ ctx, query }) => ({
  tokens: await listApiTokens(ctx, { all: query.all === "true" }),
}));

/** The plaintext token is in this response only. */
export const POST = route({ body: createApiTokenInput }, async ({ ctx, body }) => {
  const { token, apiToken } = await createApiToken(ctx, body);
  return Response.json({ token, apiToken }, { status: 201, headers: { "cache-control": "no-store" } });
});
