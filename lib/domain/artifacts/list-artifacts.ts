import { z } from "zod";
import { serviceWhere } from "@/lib/auth/authorize";
import { db } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";
import { artifactInclude, toArtifactView } from "./artifact-view";

export const listArtifactsInput = z.object({
  service: z.string().trim().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.date().optional(),
});

/** Newest first, only of services the caller can see. */
export async function listArtifacts(ctx: DomainContext, input: z.infer<typeof listArtifactsInput>) {
  const rows = await db.artifact.findMany({
    where: {
      service: { AND: [serviceWhere(ctx.actor), input.service ? { slug: input.service } : {}] },
      ...(input.before ? { createdAt: { lt: input.before } } : {}),
    },
    include: artifactInclude,
    orderBy: { createdAt: "desc" },
    take: input.limit,
  });
  return rows.map(toArtifactView);
}
