import { createPublicKey, verify, type KeyObject } from "node:crypto";
import { z } from "zod";
import type { SignatureStatus } from "@/lib/policy/signature";

export { signatureBlockerMessage, type SignatureStatus } from "@/lib/policy/signature";

/**
 * Cosign-style signatures: an ECDSA P-256 / SHA-256 signature over cosign's "simple signing"
 * JSON payload, which names the image digest it vouches for. Everything here is pure computation
 * (no I/O): the policy feeds on `signatureStatus`.
 */

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const base64 = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `${what} is empty`)
    .max(max)
    .refine((v) => BASE64.test(v) && v.length % 4 === 0, `${what} must be base64`);

/** What CI sends with an artifact: cosign's payload and signature, both base64 (as `cosign sign --output-*` writes them). */
export const artifactSignatureInput = z
  .object({
    payload: base64("payload", 16_384),
    signature: base64("signature", 1024),
  })
  .strict();

export type ArtifactSignature = z.infer<typeof artifactSignatureInput>;

const simpleSigningPayload = z.object({
  critical: z.object({
    identity: z.object({ "docker-reference": z.string() }),
    image: z.object({ "docker-manifest-digest": z.string() }),
    type: z.literal("cosign container image signature"),
  }),
  optional: z.record(z.string(), z.unknown()).nullable().optional(),
});

/** The digest a simple-signing payload vouches for, or why it is not one. */
export function signedDigest(payloadBase64: string): { digest: string; reference: string } | { error: string } {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payloadBase64, "base64").toString("utf8"));
  } catch {
    return { error: "the signature payload is not JSON" };
  }
  const parsed = simpleSigningPayload.safeParse(json);
  if (!parsed.success) return { error: "the signature payload is not a cosign simple-signing payload" };
  return { digest: parsed.data.critical.image["docker-manifest-digest"], reference: parsed.data.critical.identity["docker-reference"] };
}

/** Checked at registration: a signature that does not cover this artifact's digest is refused outright. */
export function signatureDigestProblem(signature: ArtifactSignature, imageDigest: string): string | null {
  const signed = signedDigest(signature.payload);
  if ("error" in signed) return signed.error;
  if (signed.digest !== imageDigest) return `the signature payload is for ${signed.digest}, not ${imageDigest}`;
  return null;
}

/** Stored in Artifact.signature as this JSON string. */
export const serializeSignature = (signature: ArtifactSignature) => JSON.stringify({ payload: signature.payload, signature: signature.signature });

export function parseStoredSignature(stored: string | null): ArtifactSignature | null {
  if (stored === null) return null;
  try {
    const parsed = artifactSignatureInput.safeParse(JSON.parse(stored));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A PEM public key node:crypto accepts as an EC P-256 key, or why not. */
export function publicKeyProblem(pem: string): string | null {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    return "not a PEM public key";
  }
  if (key.asymmetricKeyType !== "ec" || key.asymmetricKeyDetails?.namedCurve !== "prime256v1") return "must be an ECDSA P-256 public key";
  return null;
}

function verifies(payload: Buffer, signature: Buffer, pem: string): boolean {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch {
    return false;
  }
  // cosign writes ASN.1 DER; raw r||s (IEEE P1363) is accepted too.
  for (const dsaEncoding of ["der", "ieee-p1363"] as const) {
    try {
      if (verify("sha256", payload, { key, dsaEncoding }, signature)) return true;
    } catch {
      // Malformed for this encoding: try the other.
    }
  }
  return false;
}

/** Whether the artifact's stored signature covers its digest and verifies against one of the trusted keys. */
export function signatureStatus(artifact: { imageDigest: string; signature: string | null }, trustedKeys: readonly string[]): SignatureStatus {
  if (artifact.signature === null) return { state: "unsigned" };
  const signature = parseStoredSignature(artifact.signature);
  if (!signature) return { state: "invalid", reason: "the stored signature is malformed" };
  const problem = signatureDigestProblem(signature, artifact.imageDigest);
  if (problem) return { state: "invalid", reason: problem };
  const payload = Buffer.from(signature.payload, "base64");
  const sig = Buffer.from(signature.signature, "base64");
  const keyIndex = trustedKeys.findIndex((pem) => verifies(payload, sig, pem));
  return keyIndex >= 0 ? { state: "verified", keyIndex } : { state: "untrusted" };
}
