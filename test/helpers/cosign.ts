import { generateKeyPairSync, sign } from "node:crypto";

/** A fresh ECDSA P-256 key pair, public key as PEM (what an admin pastes into an environment's trusted keys). */
export function signingKeyPair() {
  const { publicKey, privateKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  return { publicKeyPem: publicKey.export({ type: "spki", format: "pem" }).toString(), privateKey };
}

/** Cosign's simple-signing payload for an image digest. */
export function simpleSigningPayload(repository: string, digest: string) {
  return JSON.stringify({
    critical: { identity: { "docker-reference": repository }, image: { "docker-manifest-digest": digest }, type: "cosign container image signature" },
    optional: null,
  });
}

/** Signs like cosign: ASN.1 DER ECDSA over SHA-256 of the payload bytes; both parts base64. */
export function cosignSign(privateKey: ReturnType<typeof signingKeyPair>["privateKey"], payload: string, dsaEncoding: "der" | "ieee-p1363" = "der") {
  const bytes = Buffer.from(payload, "utf8");
  return { payload: bytes.toString("base64"), signature: sign("sha256", bytes, { key: privateKey, dsaEncoding }).toString("base64") };
}
