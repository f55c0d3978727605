import { z } from "zod";
import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import { lockEnvironment } from "@/lib/db/row-locks";
import type { DomainContext } from "@/lib/domain/context";
import { kickNext } from "@/lib/domain/promotions/execute-promotion";
import { findEnvironmentFor } from "./find-environment";

export const holdEnvironmentInput = z.object({ reason: z.string().trim().min(3).max(2000) });

function holdView(env: { id: string; heldAt: Date | null; holdReason: string | null; heldById: string | null }) {
  return { environmentId: env.id, held: env.heldAt !== null, heldAt: env.heldAt, reason: env.holdReason, heldById: env.heldById };
}

/** Pauses promotions into an environment (rollbacks still run). Holding a held environment keeps the first hold. */
export async function holdEnvironment(ctx: DomainContext, environmentId: string, rawInput: z.input<typeof holdEnvironmentInput>) {
  const input = holdEnvironmentInput.parse(rawInput);
  const { environment } = await findEnvironmentFor(ctx, environmentId, "environment:hold");
  return db.$transaction(async (tx) => {
    await lockEnvironment(tx, environment.id);
    const current = await tx.environment.findUniqueOrThrow({ where: { id: environment.id } });
    if (current.heldAt) return holdView(current);
    const held = await tx.environment.update({
      where: { id: environment.id },
      data: { heldAt: new Date(), holdReason: input.reason, heldById: ctx.actor.kind === "system" ? null : ctx.actor.userId },
    });
    await recordAudit(tx, ctx, { action: "environment.hold", targetType: "Environment", targetId: environment.id, serviceId: environment.serviceId, environmentId: environment.id, after: { reason: input.reason } });
    return holdView(held);
  });
}

/** Clears a hold and lets queued promotions run again. Clearing twice answers the same. */
export async function releaseEnvironmentHold(ctx: DomainContext, environmentId: string) {
  const { environment } = await findEnvironmentFor(ctx, environmentId, "environment:hold");
  const result = await db.$transaction(async (tx) => {
    await lockEnvironment(tx, environment.id);
    const current = await tx.environment.findUniqueOrThrow({ where: { id: environment.id } });
    if (!current.heldAt) return holdView(current);
    const released = await tx.environment.update({ where: { id: environment.id }, data: { heldAt: null, holdReason: null, heldById: null } });
    await recordAudit(tx, ctx, {
      action: "environment.release",
      targetType: "Environment",
      targetId: environment.id,
      serviceId: environment.serviceId,
      environmentId: environment.id,
      before: { reason: current.holdReason },
    });
    return holdView(released);
  });
  await kickNext(environment.id);
  return result;
}
