/** The outcome of checking an artifact's signature against an environment's trusted keys (computed in lib/domain/artifacts/verify-signature.ts). */
export type SignatureStatus =
  | { state: "verified"; keyIndex: number }
  | { state: "unsigned" }
  | { state: "invalid"; reason: string }
  | { state: "untrusted" };

/** The blocker sentence for an environment that requires signatures, or null when the artifact passes. */
export function signatureBlockerMessage(status: SignatureStatus, label: string): string | null {
  switch (status.state) {
    case "verified":
      return null;
    case "unsigned":
      return `the artifact is not signed; ${label} requires a signature by a trusted key`;
    case "invalid":
      return `the artifact's signature does not verify: ${status.reason}`;
    case "untrusted":
      return `the artifact is not signed by a key trusted for ${label}`;
  }
}
