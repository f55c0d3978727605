import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { env } from "@/lib/env";

/**
 * Authenticated encryption for secrets at rest (cluster credentials): AES-256-GCM.
 *
 * Ciphertext format (ASCII, safe in a text column): `gx1.<iv>.<ciphertext>.<tag>`, each part
 * base64url. The version prefix lets a later format (or a key rotation scheme) coexist with rows
 * written by this one. An optional `context` string is bound as additional authenticated data, so
 * a ciphertext copied onto another row (another cluster id) fails to decrypt instead of silently
 * lending that row someone else's credentials.
 */
const VERSION = "gx1";
const IV_BYTES = 12;
const TAG_BYTES = 16;

export type SecretBoxErrorKind = "missing_key" | "invalid_key" | "malformed" | "unsupported_version" | "tampered";

export class SecretBoxError extends Error {
  constructor(
    readonly kind: SecretBoxErrorKind,
    message: string,
  ) {
    super(message);
    this.name = "SecretBoxError";
  }
}

export function parseEncryptionKey(value: string | undefined): Buffer {
  if (!value) {
    throw new SecretBoxError(
      "missing_key",
      "GANTRY_ENCRYPTION_KEY is not set: it is required to store or read cluster credentials",
    );
  }
  const key = Buffer.from(value, "base64");
  if (key.length !== 32) throw new SecretBoxError("invalid_key", "GANTRY_ENCRYPTION_KEY must be 32 bytes, base64-encoded");
  return key;
}

function defaultKey() {
  return parseEncryptionKey(env().GANTRY_ENCRYPTION_KEY);
}

export interface SecretBoxOptions {
  /** Bound as additional authenticated data; decryption must pass the same value. */
  context?: string;
  /** Defaults to GANTRY_ENCRYPTION_KEY. */
  key?: Buffer;
}

export function encryptSecret(plaintext: string, options: SecretBoxOptions = {}): string {
  const key = options.key ?? defaultKey();
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(`${VERSION}:${options.context ?? ""}`, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [VERSION, iv, ciphertext, cipher.getAuthTag()]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

export function decryptSecret(sealed: string, options: SecretBoxOptions = {}): string {
  const parts = sealed.split(".");
  if (parts.length !== 4) throw new SecretBoxError("malformed", "encrypted value is malformed");
  const [version, ivText, ciphertextText, tagText] = parts as [string, string, string, string];
  if (version !== VERSION) throw new SecretBoxError("unsupported_version", `unsupported encryption format "${version}"`);
  const base64url = /^[A-Za-z0-9_-]*$/;
  if (![ivText, ciphertextText, tagText].every((p) => base64url.test(p))) {
    throw new SecretBoxError("malformed", "encrypted value is malformed");
  }
  const iv = Buffer.from(ivText, "base64url");
  const tag = Buffer.from(tagText, "base64url");
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new SecretBoxError("malformed", "encrypted value is malformed");
  const key = options.key ?? defaultKey();
  const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(`${VERSION}:${options.context ?? ""}`, "utf8"));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertextText, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    // GCM cannot tell a wrong key from modified bytes: both fail authentication.
    throw new SecretBoxError(
      "tampered",
      "encrypted value failed authentication (modified, bound to another record, or encrypted with a different GANTRY_ENCRYPTION_KEY)",
    );
  }
}

export function isEncryptedSecret(value: string) {
  return value.startsWith(`${VERSION}.`);
}
