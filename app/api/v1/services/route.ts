import { listServices } from "@/lib/domain/services/get-service";
import { route } from "@/lib/http/route";

export const GET = route({}, async ({ ctx }) => ({ services: await listServices(ctx) }));
