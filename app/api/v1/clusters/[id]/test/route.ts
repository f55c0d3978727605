import { z } from "zod";
import { testClusterConnection, testClusterInput } from "@/lib/domain/clusters/manage-clusters";
import { route } from "@/lib/http/route";

export const POST = route({ params: z.object({ id: z.uuid() }), body: testClusterInput.optional() }, async ({ ctx, params, body }) => ({
  report: await testClusterConnection(ctx, params.id, body ?? {}),
}));
