import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { LEVELS, thresholdRows } from "@/lib/dora/thresholds";

const readme = readFileSync(path.resolve(import.meta.dirname, "../../../README.md"), "utf8");

describe("README DORA thresholds", () => {
  it("copies the one thresholds table exactly", () => {
    const section = readme.split(/^### Performance levels$/m)[1]?.split(/^### /m)[0] ?? "";
    const rows = [...section.matchAll(/^\| (?!Metric |---)(.+) \|$/gm)].map(([, row]) => row!.split(" | "));
    expect(rows).toEqual(thresholdRows().map((r) => [r.label, ...LEVELS.map((level) => r.levels[level])]));
  });
});
