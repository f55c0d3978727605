import { z } from "zod";
import { deleteRoleBinding } from "@/lib/domain/role-bindings/delete-role-binding";
import { route } from "@/lib/http/route";

export const DELETE = route({ params: z.object({ id: z.uuid() }) }, async ({ ctx, params }) => deleteRoleBinding(ctx, params.id));
