import { createCluster, createClusterInput, listClusters } from "@/lib/domain/clusters/manage-clusters";
import { route } from "@/lib/http/route";

export const GET = route({}, async ({ ctx }) => ({ clusters: await listClusters(ctx) }));

export const POST = route({ body: createClusterInput }, async ({ ctx, body }) => Response.json({ cluster: await createCluster(ctx, body) }, { status: 201 }));
