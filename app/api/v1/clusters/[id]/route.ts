import { z } from "zod";
import { updateCluster, updateClusterInput } from "@/lib/domain/clusters/manage-clusters";
import { route } from "@/lib/http/route";

export const PATCH = route({ params: z.object({ id: z.uuid() }), body: updateClusterInput }, async ({ ctx, params, body }) => ({ cluster: await updateCluster(ctx, params.id, body) }));
