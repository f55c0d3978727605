import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** `gty_` + 40 base62-ish chars (240 bits). The prefix makes leaked tokens greppable by scanners. */
export const TOKEN_PREFIX = "gty_";

export function generateApiToken() {
  const secret = randomBytes(30).toString("base64url");
  const token = `${TOKEN_PREFIX}${secret}`;
  return { token, prefix: token.slice(0, TOKEN_PREFIX.length + 6), hash: hashApiToken(token) };
}

export function hashApiToken(token: string) {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function looksLikeApiToken(value: string) {
  return value.startsWith(TOKEN_PREFIX) && value.length > TOKEN_PREFIX.length + 20 && value.length < 200;
}

export function sameHash(a: string, b: string) {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && timingSafeEqual(left, right);
}
