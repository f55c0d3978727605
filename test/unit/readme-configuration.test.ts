import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { envSchema } from "@/lib/env";

const readme = readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");

/** Rows of the README's "Configuration" table: variable → default column. */
function documentedVariables() {
  const section = readme.split(/^## Configuration$/m)[1]?.split(/^## /m)[0] ?? "";
  const rows = [...section.matchAll(/^\| `([A-Z0-9_]+)` \| ([^|]+) \|/gm)];
  return new Map(rows.map(([, name, defaultValue]) => [name!, defaultValue!.trim()]));
}

describe("README configuration table", () => {
  it("documents exactly the variables lib/env.ts reads", () => {
    expect([...documentedVariables().keys()].sort()).toEqual(Object.keys(envSchema.shape).sort());
  });

  it("states each default as the schema applies it", () => {
    const defaults = envSchema.parse({});
    for (const [name, documented] of documentedVariables()) {
      const actual = defaults[name as keyof typeof defaults];
      if (actual === undefined) expect(documented, name).toMatch(/^\*\(/);
      else expect(documented, name).toBe(`\`${String(actual)}\``);
    }
  });
});
