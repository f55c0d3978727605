import { describe, expect, it } from "vitest";
import {
  artifactSignatureInput,
  publicKeyProblem,
  serializeSignature,
  signatureDigestProblem,
  signatureStatus,
} from "@/lib/domain/artifacts/verify-signature";
import { evaluatePromotionPolicy, type PolicyInput } from "@/lib/policy/evaluate-promotion-policy";
import { cosignSign, signingKeyPair, simpleSigningPayload } from "../../helpers/cosign";
import { generateKeyPairSync } from "node:crypto";

const repo = "registry.example.com/payments-api";
const digest = `sha256:${"a".repeat(64)}`;
const trusted = signingKeyPair();
const other = signingKeyPair();

const artifactSignedWith = (signature: { payload: string; signature: string }, imageDigest = digest) => ({ imageDigest, signature: serializeSignature(signature) });

describe("signatureStatus", () => {
  it("verifies a cosign (DER) signature against a trusted key, and a raw r||s one", () => {
    const der = cosignSign(trusted.privateKey, simpleSigningPayload(repo, digest));
    expect(signatureStatus(artifactSignedWith(der), [other.publicKeyPem, trusted.publicKeyPem])).toEqual({ state: "verified", keyIndex: 1 });
    const p1363 = cosignSign(trusted.privateKey, simpleSigningPayload(repo, digest), "ieee-p1363");
    expect(signatureStatus(artifactSignedWith(p1363), [trusted.publicKeyPem])).toEqual({ state: "verified", keyIndex: 0 });
  });

  it("is untrusted when signed by a key the environment does not trust, or when it trusts none", () => {
    const signed = artifactSignedWith(cosignSign(other.privateKey, simpleSigningPayload(repo, digest)));
    expect(signatureStatus(signed, [trusted.publicKeyPem])).toEqual({ state: "untrusted" });
    expect(signatureStatus(signed, [])).toEqual({ state: "untrusted" });
  });

  it("does not verify a tampered payload", () => {
    const genuine = cosignSign(trusted.privateKey, simpleSigningPayload(repo, digest));
    const tampered = { ...genuine, payload: Buffer.from(simpleSigningPayload(`${repo}-evil`, digest)).toString("base64") };
    expect(signatureStatus(artifactSignedWith(tampered), [trusted.publicKeyPem])).toEqual({ state: "untrusted" });
  });

  it("refuses a valid signature over another digest", () => {
    const forOther = cosignSign(trusted.privateKey, simpleSigningPayload(repo, `sha256:${"b".repeat(64)}`));
    const status = signatureStatus(artifactSignedWith(forOther), [trusted.publicKeyPem]);
    expect(status).toEqual({ state: "invalid", reason: `the signature payload is for sha256:${"b".repeat(64)}, not ${digest}` });
  });

  it("reports unsigned and malformed material without throwing", () => {
    expect(signatureStatus({ imageDigest: digest, signature: null }, [trusted.publicKeyPem])).toEqual({ state: "unsigned" });
    expect(signatureStatus({ imageDigest: digest, signature: "{not json" }, [trusted.publicKeyPem])).toEqual({ state: "invalid", reason: "the stored signature is malformed" });
    const notJson = { payload: Buffer.from("hello").toString("base64"), signature: "AAAA" };
    expect(signatureStatus(artifactSignedWith(notJson), [trusted.publicKeyPem])).toEqual({ state: "invalid", reason: "the signature payload is not JSON" });
    const wrongShape = { payload: Buffer.from(JSON.stringify({ critical: {} })).toString("base64"), signature: "AAAA" };
    expect(signatureStatus(artifactSignedWith(wrongShape), [trusted.publicKeyPem])).toMatchObject({ state: "invalid" });
    const garbageSig = { payload: Buffer.from(simpleSigningPayload(repo, digest)).toString("base64"), signature: "AAAA" };
    expect(signatureStatus(artifactSignedWith(garbageSig), [trusted.publicKeyPem, "not a key"])).toEqual({ state: "untrusted" });
  });
});

describe("signature input", () => {
  it("accepts base64 parts only", () => {
    expect(artifactSignatureInput.safeParse({ payload: "eyJ9", signature: "AAAA" }).success).toBe(true);
    expect(artifactSignatureInput.safeParse({ payload: "not base64!", signature: "AAAA" }).success).toBe(false);
    expect(artifactSignatureInput.safeParse({ payload: "eyJ9", signature: "" }).success).toBe(false);
    expect(artifactSignatureInput.safeParse({ payload: "eyJ9", signature: "AAAA", extra: 1 }).success).toBe(false);
  });

  it("checks at registration that the payload names the artifact's digest", () => {
    const signed = cosignSign(trusted.privateKey, simpleSigningPayload(repo, digest));
    expect(signatureDigestProblem(signed, digest)).toBeNull();
    expect(signatureDigestProblem(signed, `sha256:${"c".repeat(64)}`)).toMatch(/is for sha256:a+, not sha256:c+/);
  });

  it("accepts only P-256 public keys as trusted keys", () => {
    expect(publicKeyProblem(trusted.publicKeyPem)).toBeNull();
    expect(publicKeyProblem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")).toBe("not a PEM public key");
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ type: "spki", format: "pem" }).toString();
    expect(publicKeyProblem(rsa)).toBe("must be an ECDSA P-256 public key");
  });
});

describe("the policy's signature gate", () => {
  const base: PolicyInput = {
    now: new Date("2026-11-25T12:00:00Z"),
    kind: "Promotion",
    environment: { label: "payments-api / prod", requiredApprovals: 0, requireUpstreamSuccess: false, minSoakMinutes: 0, heldAt: null, holdReason: null },
    previousEnvironment: null,
    upstreamSucceededAt: null,
    requesterId: "r",
    commitAuthorEmails: [],
    approvals: [],
    freezeWindows: [],
    freezeOverridden: false,
  };

  it("blocks an untrusted artifact where signatures are required, as a hard prerequisite", () => {
    const result = evaluatePromotionPolicy({ ...base, signature: { required: true, status: { state: "untrusted" } } });
    expect(result.blockers).toEqual([{ code: "signature", message: "the artifact is not signed by a key trusted for payments-api / prod" }]);
    expect(result.prerequisitesMet).toBe(false);
    const invalid = evaluatePromotionPolicy({ ...base, signature: { required: true, status: { state: "invalid", reason: "x" } } });
    expect(invalid.blockers[0]).toEqual({ code: "signature", message: "the artifact's signature does not verify: x" });
  });

  it("passes a verified artifact, ignores signatures where not required, and never gates a rollback", () => {
    expect(evaluatePromotionPolicy({ ...base, signature: { required: true, status: { state: "verified", keyIndex: 0 } } }).blockers).toEqual([]);
    expect(evaluatePromotionPolicy({ ...base, signature: { required: false, status: { state: "unsigned" } } }).blockers).toEqual([]);
    expect(evaluatePromotionPolicy({ ...base, kind: "Rollback", signature: { required: true, status: { state: "unsigned" } } }).blockers).toEqual([]);
  });
});
