import { randomBytes } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret, isEncryptedSecret, parseEncryptionKey, SecretBoxError } from "@/lib/crypto/secret-box";

const key = randomBytes(32);

function errorKind(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (error instanceof SecretBoxError) return error.kind;
    throw error;
  }
  return "no error";
}

describe("secret box", () => {
  it("round-trips any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 300 }), fc.string({ maxLength: 40 }), (text, context) => {
        expect(decryptSecret(encryptSecret(text, { key, context }), { key, context })).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it("produces a versioned format that hides the plaintext and differs on every call", () => {
    const a = encryptSecret("token-abc", { key });
    const b = encryptSecret("token-abc", { key });
    expect(a).toMatch(/^gx1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("token-abc");
    expect(isEncryptedSecret(a)).toBe(true);
    expect(isEncryptedSecret("token-abc")).toBe(false);
  });

  it("detects any modified byte", () => {
    const sealed = encryptSecret("super secret token", { key });
    const [version, iv, ct, tag] = sealed.split(".") as [string, string, string, string];
    for (const [index, part] of [iv, ct, tag].entries()) {
      const bytes = Buffer.from(part, "base64url");
      bytes[0] = (bytes[0] ?? 0) ^ 0x01;
      const parts = [iv, ct, tag];
      parts[index] = bytes.toString("base64url");
      expect(errorKind(() => decryptSecret([version, ...parts].join("."), { key }))).toBe("tampered");
    }
  });

  it("refuses a wrong key and a ciphertext moved to another record", () => {
    const sealed = encryptSecret("secret", { key, context: "cluster:1" });
    expect(errorKind(() => decryptSecret(sealed, { key: randomBytes(32), context: "cluster:1" }))).toBe("tampered");
    expect(errorKind(() => decryptSecret(sealed, { key, context: "cluster:2" }))).toBe("tampered");
    expect(decryptSecret(sealed, { key, context: "cluster:1" })).toBe("secret");
  });

  it("rejects malformed values and unknown versions", () => {
    expect(errorKind(() => decryptSecret("not encrypted", { key }))).toBe("malformed");
    expect(errorKind(() => decryptSecret("gx1.a.b", { key }))).toBe("malformed");
    expect(errorKind(() => decryptSecret("gx1.!!.b.c", { key }))).toBe("malformed");
    const sealed = encryptSecret("x", { key });
    expect(errorKind(() => decryptSecret(sealed.replace(/^gx1/, "gx9"), { key }))).toBe("unsupported_version");
  });

  it("uses GANTRY_ENCRYPTION_KEY by default and validates it", () => {
    expect(decryptSecret(encryptSecret("from env"))).toBe("from env");
    expect(errorKind(() => parseEncryptionKey(undefined))).toBe("missing_key");
    expect(errorKind(() => parseEncryptionKey(Buffer.alloc(16).toString("base64")))).toBe("invalid_key");
    expect(parseEncryptionKey(key.toString("base64")).equals(key)).toBe(true);
  });
});
