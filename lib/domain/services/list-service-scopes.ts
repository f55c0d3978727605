import { serviceWhere } from "@/lib/auth/authorize";
import { db } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";

/**
 * The services the caller can see, with their team and environments in pipeline order: the
 * options of service/environment pickers (audit filters, role-binding scopes, token limits).
 * Read-only names of things the caller may already see, so visibility is the only check.
 */
export async function listServiceScopes(ctx: DomainContext) {
  const services = await db.service.findMany({
    where: serviceWhere(ctx.actor),
    orderBy: { slug: "asc" },
    select: {
      id: true,
      slug: true,
      name: true,
      team: { select: { id: true, slug: true } },
      environments: { select: { id: true, name: true }, orderBy: { position: "asc" } },
    },
  });
  return services;
}

export type ServiceScope = Awaited<ReturnType<typeof listServiceScopes>>[number];
