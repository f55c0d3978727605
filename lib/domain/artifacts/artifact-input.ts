import { z } from "zod";
import { artifactSignatureInput } from "./verify-signature";

const DIGEST_REF = /^(?<repository>[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]{1,5})?(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*)@(?<digest>sha256:[0-9a-f]{64})$/;

/** `repo@sha256:<64 hex>` only: a tag can be moved after approval, a digest cannot. */
export const imageReference = z
  .string()
  .trim()
  .max(512)
  .superRefine((value, ctx) => {
    if (DIGEST_REF.test(value)) return;
    const lastSegment = value.split("/").at(-1) ?? "";
    ctx.addIssue({
      code: "custom",
      message:
        !value.includes("@") && lastSegment.includes(":")
          ? "must be pinned by digest (repo@sha256:<64 hex>), not a tag"
          : "must be an image reference pinned by digest: repo@sha256:<64 lowercase hex>",
    });
  })
  .transform((value) => {
    const groups = DIGEST_REF.exec(value)!.groups!;
    return { repository: groups.repository!, digest: groups.digest! };
  });

const gitSha = z.string().trim().toLowerCase().regex(/^[0-9a-f]{7,64}$/, "must be a hex git commit SHA");

export const registerArtifactInput = z.object({
  service: z.string().trim().min(1).max(100),
  version: z.string().trim().min(1).max(128),
  gitSha,
  commitTime: z.coerce.date(),
  image: imageReference,
  commits: z
    .array(
      z.object({
        sha: gitSha,
        message: z.string().max(10_000),
        author: z.object({ name: z.string().trim().min(1).max(200), email: z.email().max(254).transform((e) => e.toLowerCase()) }),
        time: z.coerce.date(),
      }),
    )
    .max(1000)
    .default([])
    .refine((commits) => new Set(commits.map((c) => c.sha)).size === commits.length, "each commit may appear once"),
  // Only web links: a `javascript:` or `data:` URL stored here would run in whoever's browser one day links to the build.
  buildUrl: z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).max(2048).optional(),
  labels: z.record(z.string().max(100), z.string().max(500)).default({}).refine((l) => Object.keys(l).length <= 50, "at most 50 labels"),
  /** Cosign-style signature over the simple-signing payload for this digest; verified against each environment's trusted keys at promotion. */
  signature: artifactSignatureInput.optional(),
});

export type RegisterArtifactInput = z.infer<typeof registerArtifactInput>;
