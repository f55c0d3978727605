import { createUser, createUserInput } from "@/lib/domain/users/create-user";
import { listUsers } from "@/lib/domain/users/list-users";
import { route } from "@/lib/http/route";

export const GET = route({}, async ({ ctx }) => ({ users: await listUsers(ctx) }));

export const POST = route({ body: createUserInput }, async ({ ctx, body }) => Response.json({ user: await createUser(ctx, body) }, { status: 201 }));
