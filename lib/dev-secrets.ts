import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";

/**
 * Development and test only: secrets that production must supply are generated once into the
 * data directory (mode 0600) so sessions and encrypted credentials survive restarts.
 */
export async function ensureDevSecrets(dir: string) {
  const file = path.join(dir, "secrets.json");
  const stored = JSON.parse(await readFile(file, "utf8").catch(() => "{}")) as Record<string, string>;
  const wanted = {
    NEXTAUTH_SECRET: () => randomBytes(32).toString("base64url"),
    GANTRY_ENCRYPTION_KEY: () => randomBytes(32).toString("base64"),
  };
  let changed = false;
  for (const [name, make] of Object.entries(wanted)) {
    if (!stored[name]) {
      stored[name] = make();
      changed = true;
    }
    process.env[name] ||= stored[name];
  }
  if (changed) {
    await mkdir(dir, { recursive: true });
    await writeFile(file, JSON.stringify(stored, null, 2), { mode: 0o600 });
  }
}
