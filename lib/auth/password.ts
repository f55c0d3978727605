import { hash, parseOptions, verify, type Algorithm, type Options } from "@node-rs/argon2";

/**
 * argon2id with OWASP's baseline (Password Storage Cheat Sheet): 19 MiB memory, 2 passes,
 * 1 lane. Strong enough against GPU cracking while a login stays around tens of milliseconds.
 * The PHC string records the parameters, so raising them later only needs `needsRehash`.
 */
// Algorithm is an ambient const enum, which isolatedModules forbids referencing by name.
const ARGON2ID = 2 as Algorithm;

export const PASSWORD_HASH_OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const satisfies Options;

/** Longer inputs are rejected before hashing so a huge body cannot pin a CPU. */
export const MAX_PASSWORD_LENGTH = 1024;

export async function hashPassword(plain: string): Promise<string> {
  if (plain.length === 0) throw new Error("Password must not be empty");
  if (plain.length > MAX_PASSWORD_LENGTH) throw new Error(`Password must be at most ${MAX_PASSWORD_LENGTH} characters`);
  return hash(plain, PASSWORD_HASH_OPTIONS);
}

// Verified against when the account has no password (unknown email, OIDC-only user) so that
// those logins take as long as a wrong password and don't reveal which emails exist.
let dummyHash: Promise<string> | undefined;
function getDummyHash() {
  dummyHash ??= hash("gantry-dummy-password-for-timing-equalisation", PASSWORD_HASH_OPTIONS);
  return dummyHash;
}

/**
 * True when `plain` matches `storedHash`. The comparison is the library's constant-time one.
 * A missing or malformed hash never matches (and still costs one argon2 run).
 */
export async function verifyPassword(storedHash: string | null | undefined, plain: string): Promise<boolean> {
  if (plain.length > MAX_PASSWORD_LENGTH) return false;
  if (!storedHash) {
    await verify(await getDummyHash(), plain).catch(() => false);
    return false;
  }
  try {
    return await verify(storedHash, plain);
  } catch {
    return false;
  }
}

/** True when a stored hash was made with weaker (or different) parameters than today's. */
export function needsRehash(storedHash: string): boolean {
  try {
    const current = parseOptions(storedHash);
    return (
      current.algorithm !== PASSWORD_HASH_OPTIONS.algorithm ||
      current.memoryCost < PASSWORD_HASH_OPTIONS.memoryCost ||
      current.timeCost < PASSWORD_HASH_OPTIONS.timeCost ||
      current.outputLen < PASSWORD_HASH_OPTIONS.outputLen
    );
  } catch {
    return true;
  }
}
