import { recordAudit } from "@/lib/audit/record-audit";
import { db } from "@/lib/db/client";
import type { DomainContext } from "@/lib/domain/context";
import { findServiceFor } from "@/lib/domain/environments/find-environment";
import { AppError } from "@/lib/http/errors";
import type { RegisterArtifactInput } from "./artifact-input";
import { artifactInclude, toArtifactView, type ArtifactView } from "./artifact-view";
import { serializeSignature, signatureDigestProblem } from "./verify-signature";

function differences(existing: ArtifactView & { storedSignature: string | null }, input: RegisterArtifactInput): string[] {
  const fields: string[] = [];
  // A retry without the signature is the same build; a different signature is not.
  if (input.signature && existing.storedSignature !== serializeSignature(input.signature)) fields.push("signature");
  if (existing.version !== input.version) fields.push("version");
  if (existing.gitSha !== input.gitSha) fields.push("gitSha");
  if (existing.commitTime.getTime() !== input.commitTime.getTime()) fields.push("commitTime");
  if (existing.imageRepository !== input.image.repository) fields.push("image");
  if ((existing.buildUrl ?? undefined) !== input.buildUrl) fields.push("buildUrl");
  if (JSON.stringify(Object.entries(existing.labels).sort()) !== JSON.stringify(Object.entries(input.labels).sort())) fields.push("labels");
  const commitKey = (c: { sha: string; message: string; author: { email: string }; time: Date }) => `${c.sha}|${c.message}|${c.author.email}|${c.time.getTime()}`;
  if (JSON.stringify(existing.commits.map(commitKey).sort()) !== JSON.stringify(input.commits.map(commitKey).sort())) fields.push("commits");
  return fields;
}

/**
 * Records an immutable build. A digest never changes meaning: registering it again with the same
 * content answers the existing artifact (CI retries are safe); with different content it is a 409.
 */
export async function registerArtifact(ctx: DomainContext, input: RegisterArtifactInput): Promise<{ artifact: ArtifactView; created: boolean }> {
  const service = await findServiceFor(ctx, input.service, "artifact:register");
  const signatureProblem = input.signature ? signatureDigestProblem(input.signature, input.image.digest) : null;
  if (signatureProblem) throw new AppError("validation_failed", "Invalid request body", [{ path: "signature.payload", message: signatureProblem }]);
  const lookup = () =>
    db.artifact.findUnique({ where: { serviceId_imageDigest: { serviceId: service.id, imageDigest: input.image.digest } }, include: artifactInclude });
  const compare = (row: NonNullable<Awaited<ReturnType<typeof lookup>>>) => {
    const existing = toArtifactView(row);
    const changed = differences({ ...existing, storedSignature: row.signature }, input);
    if (changed.length > 0) {
      throw new AppError("conflict", `Image digest ${input.image.digest} is already registered for ${service.slug} with different ${changed.join(", ")}`, {
        artifactId: existing.id,
        differentFields: changed,
      });
    }
    return { artifact: existing, created: false };
  };
  const existing = await lookup();
  if (existing) return compare(existing);
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.artifact.create({
        data: {
          serviceId: service.id,
          version: input.version,
          gitSha: input.gitSha,
          commitTime: input.commitTime,
          imageRepository: input.image.repository,
          imageDigest: input.image.digest,
          buildUrl: input.buildUrl ?? null,
          labels: input.labels,
          signature: input.signature ? serializeSignature(input.signature) : null,
          registeredByUserId: ctx.actor.kind === "system" ? null : ctx.actor.userId,
          registeredByTokenId: ctx.actor.kind === "token" ? ctx.actor.tokenId : null,
          commits: {
            create: input.commits.map((c) => ({ sha: c.sha, message: c.message, authorName: c.author.name, authorEmail: c.author.email, committedAt: c.time })),
          },
        },
        include: artifactInclude,
      });
      await recordAudit(tx, ctx, {
        action: "artifact.register",
        targetType: "Artifact",
        targetId: row.id,
        serviceId: service.id,
        after: { version: row.version, image: `${row.imageRepository}@${row.imageDigest}`, gitSha: row.gitSha, commits: input.commits.length, signed: row.signature !== null },
      });
      return { artifact: toArtifactView(row), created: true };
    });
  } catch (error) {
    // Two CI retries racing: the loser compares against the winner's row.
    const raced = (error as { code?: string }).code === "P2002" ? await lookup() : null;
    if (raced) return compare(raced);
    throw error;
  }
}
