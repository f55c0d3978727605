import { createIncident, createIncidentInput } from "@/lib/domain/incidents/create-incident";
import { incidentFiltersSchema, listIncidents } from "@/lib/domain/incidents/list-incidents";
import { route } from "@/lib/http/route";

export const GET = route({ query: incidentFiltersSchema }, async ({ ctx, query }) => ({ incidents: await listIncidents(ctx, query) }));

/** 201 with the new incident; 200 with the existing one when an open incident has the same fingerprint. */
export const POST = route({ body: createIncidentInput }, async ({ ctx, body }) => {
  const { incident, created } = await createIncident(ctx, body);
  return Response.json({ incident }, { status: created ? 201 : 200 });
});
