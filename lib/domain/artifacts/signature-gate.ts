import { recordAudit } from "@/lib/audit/record-audit";
import type { Tx } from "@/lib/db/client";
import { signatureBlockerMessage, signatureStatus } from "./verify-signature";

interface ClaimedPromotion {
  id: string;
  kind: "Promotion" | "Rollback";
  environmentId: string;
  artifact: { imageDigest: string; signature: string | null };
  environment: { name: string; serviceId: string; requireSignature: boolean; signingPublicKeys: string[]; service: { slug: string } };
}

/**
 * Re-checks the signature gate when a queued promotion is about to deploy: trusted keys may have
 * been rotated (or the requirement switched on) since it was requested. Rollbacks are not re-checked:
 * their target already ran in this environment. Returns true when the promotion was failed here.
 */
export async function failUntrustedArtifact(tx: Tx, promotion: ClaimedPromotion): Promise<boolean> {
  const env = promotion.environment;
  if (promotion.kind !== "Promotion" || !env.requireSignature) return false;
  const message = signatureBlockerMessage(signatureStatus(promotion.artifact, env.signingPublicKeys), `${env.service.slug} / ${env.name}`);
  if (!message) return false;
  await tx.promotion.update({ where: { id: promotion.id }, data: { status: "Failed", finishedAt: new Date(), failureReason: message } });
  await recordAudit(tx, { actor: { kind: "system", name: "promotion-engine" } }, {
    action: "promotion.failed",
    targetType: "Promotion",
    targetId: promotion.id,
    serviceId: env.serviceId,
    environmentId: promotion.environmentId,
    before: { status: "Queued" },
    after: { status: "Failed", reason: message, blockers: [{ code: "signature", message }] },
  });
  return true;
}
