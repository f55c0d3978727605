import { z } from "zod";
import { createRoleBinding, createRoleBindingInput } from "@/lib/domain/role-bindings/create-role-binding";
import { listRoleBindings } from "@/lib/domain/role-bindings/list-role-bindings";
import { route } from "@/lib/http/route";

export const GET = route({ query: z.object({ userId: z.uuid().optional() }) }, async ({ ctx, query }) => ({
  roleBindings: await listRoleBindings(ctx, { userId: query.userId }),
}));

export const POST = route({ body: createRoleBindingInput }, async ({ ctx, body }) => {
  const { binding, created } = await createRoleBinding(ctx, body);
  return Response.json({ roleBinding: binding }, { status: created ? 201 : 200 });
});
