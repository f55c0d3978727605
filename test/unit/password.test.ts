import { hash } from "@node-rs/argon2";
import { describe, expect, it } from "vitest";
import { hashPassword, MAX_PASSWORD_LENGTH, needsRehash, verifyPassword } from "@/lib/auth/password";

describe("password hashing", () => {
  it("produces an argon2id PHC string with the OWASP parameters, salted per call", async () => {
    const first = await hashPassword("correct horse battery staple");
    const second = await hashPassword("correct horse battery staple");
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain("correct horse");
  });

  it("verifies the right password and rejects wrong ones", async () => {
    const stored = await hashPassword("gantry-demo");
    expect(await verifyPassword(stored, "gantry-demo")).toBe(true);
    expect(await verifyPassword(stored, "gantry-demo ")).toBe(false);
    expect(await verifyPassword(stored, "Gantry-demo")).toBe(false);
    expect(await verifyPassword(stored, "")).toBe(false);
  });

  it("handles non-ASCII passwords", async () => {
    const stored = await hashPassword("pässwörd-密码-🔑");
    expect(await verifyPassword(stored, "pässwörd-密码-🔑")).toBe(true);
    expect(await verifyPassword(stored, "passwort-密码-🔑")).toBe(false);
  });

  it("never matches a missing or malformed hash", async () => {
    expect(await verifyPassword(null, "anything")).toBe(false);
    expect(await verifyPassword(undefined, "")).toBe(false);
    expect(await verifyPassword("", "anything")).toBe(false);
    expect(await verifyPassword("not-a-phc-string", "anything")).toBe(false);
    expect(await verifyPassword("$argon2id$v=19$m=19456,t=2,p=1$bad$bad", "anything")).toBe(false);
  });

  it("refuses empty and oversized passwords", async () => {
    await expect(hashPassword("")).rejects.toThrow(/empty/);
    await expect(hashPassword("x".repeat(MAX_PASSWORD_LENGTH + 1))).rejects.toThrow(/at most/);
    const stored = await hashPassword("x".repeat(MAX_PASSWORD_LENGTH));
    expect(await verifyPassword(stored, "x".repeat(MAX_PASSWORD_LENGTH))).toBe(true);
    expect(await verifyPassword(stored, "x".repeat(MAX_PASSWORD_LENGTH + 1))).toBe(false);
  });

  it("flags hashes made with weaker parameters for rehashing", async () => {
    expect(needsRehash(await hashPassword("pw"))).toBe(false);
    const weak = await hash("pw", { memoryCost: 4096, timeCost: 1, parallelism: 1 });
    expect(needsRehash(weak)).toBe(true);
    expect(await verifyPassword(weak, "pw")).toBe(true);
    expect(needsRehash("garbage")).toBe(true);
  });
});
