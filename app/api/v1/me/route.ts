import { getMe } from "@/lib/domain/me/get-me";
import { route } from "@/lib/http/route";

export const GET = route({}, ({ ctx }) => getMe(ctx));
