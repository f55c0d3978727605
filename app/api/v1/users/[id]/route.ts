import { z } from "zod";
import { updateUser, updateUserInput } from "@/lib/domain/users/update-user";
import { route } from "@/lib/http/route";

export const PATCH = route({ params: z.object({ id: z.uuid() }), body: updateUserInput }, async ({ ctx, params, body }) => ({
  user: await updateUser(ctx, params.id, body),
}));
