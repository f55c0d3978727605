import type { Tx } from "./client";

/**
 * Row locks that serialise concurrent changes to one environment (requests, rollbacks, holds, the
 * engine claiming its single active slot) or one promotion (approvals, abort). Held until the
 * surrounding transaction ends.
 */
export async function lockEnvironment(tx: Tx, environmentId: string) {
  await tx.$executeRaw`SELECT 1 FROM "Environment" WHERE id = ${environmentId}::uuid FOR UPDATE`;
}

export async function lockPromotion(tx: Tx, promotionId: string) {
  await tx.$executeRaw`SELECT 1 FROM "Promotion" WHERE id = ${promotionId}::uuid FOR UPDATE`;
}
