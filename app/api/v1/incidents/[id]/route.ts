import { z } from "zod";
import { getIncident } from "@/lib/domain/incidents/list-incidents";
import { updateIncident, updateIncidentInput } from "@/lib/domain/incidents/update-incident";
import { route } from "@/lib/http/route";

const params = z.object({ id: z.uuid() });

export const GET = route({ params }, async ({ ctx, params }) => getIncident(ctx, params.id));

export const PATCH = route({ params, body: updateIncidentInput }, async ({ ctx, params, body }) => ({ incident: await updateIncident(ctx, params.id, body) }));
