import { registerArtifactInput } from "@/lib/domain/artifacts/artifact-input";
import { listArtifacts, listArtifactsInput } from "@/lib/domain/artifacts/list-artifacts";
import { registerArtifact } from "@/lib/domain/artifacts/register-artifact";
import { route } from "@/lib/http/route";

export const GET = route({ query: listArtifactsInput }, async ({ ctx, query }) => ({ artifacts: await listArtifacts(ctx, query) }));

/** CI registers builds here. The same digest with the same content answers 200 with the existing artifact. */
export const POST = route({ body: registerArtifactInput }, async ({ ctx, body }) => {
  const { artifact, created } = await registerArtifact(ctx, body);
  return Response.json({ artifact }, { status: created ? 201 : 200 });
});
