import { createHmac, timingSafeEqual } from "node:crypto";

/** `sha256=<hex>` HMAC of the exact body bytes, as receivers verify it (same scheme as GitHub webhooks). */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

export function verifyBodySignature(body: string, secret: string, header: string | null): boolean {
  if (!header) return false;
  const expected = Buffer.from(signBody(body, secret));
  const given = Buffer.from(header);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** The secret-box context binding a channel's HMAC secret to its row. */
export const channelSecretContext = (channelId: string) => `gantry:notification-channel-secret:${channelId}`;
