import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ensureDevSecrets } from "@/lib/dev-secrets";
import { parseEnv } from "@/lib/env";

const NAMES = ["NEXTAUTH_SECRET", "GANTRY_ENCRYPTION_KEY"] as const;
let dir: string;
let saved: Record<string, string | undefined>;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "gantry-secrets-"));
  saved = Object.fromEntries(NAMES.map((name) => [name, process.env[name]]));
  for (const name of NAMES) delete process.env[name];
});

afterEach(async () => {
  for (const name of NAMES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  await rm(dir, { recursive: true, force: true });
});

describe("ensureDevSecrets", () => {
  it("generates secrets the env schema accepts, stores them privately and reuses them on the next start", async () => {
    await ensureDevSecrets(dir);
    const first = { NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET, GANTRY_ENCRYPTION_KEY: process.env.GANTRY_ENCRYPTION_KEY };
    expect(() => parseEnv({ NODE_ENV: "production", ...first })).not.toThrow();
    expect((await stat(path.join(dir, "secrets.json"))).mode & 0o777).toBe(0o600);

    for (const name of NAMES) delete process.env[name];
    await ensureDevSecrets(dir);
    expect(process.env.NEXTAUTH_SECRET).toBe(first.NEXTAUTH_SECRET);
    expect(process.env.GANTRY_ENCRYPTION_KEY).toBe(first.GANTRY_ENCRYPTION_KEY);
  });

  it("never overrides a secret the environment already provides", async () => {
    process.env.NEXTAUTH_SECRET = "from-the-environment-from-the-environment";
    await ensureDevSecrets(dir);
    expect(process.env.NEXTAUTH_SECRET).toBe("from-the-environment-from-the-environment");
    const stored = JSON.parse(await readFile(path.join(dir, "secrets.json"), "utf8")) as Record<string, string>;
    expect(stored.NEXTAUTH_SECRET).not.toBe("from-the-environment-from-the-environment");
  });
});
