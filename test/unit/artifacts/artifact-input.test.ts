import { describe, expect, it } from "vitest";
import { registerArtifactInput } from "@/lib/domain/artifacts/artifact-input";

const build = (overrides: Record<string, unknown> = {}) => ({
  service: "checkout-web",
  version: "1.2.3",
  gitSha: "a".repeat(40),
  commitTime: "2026-03-01T10:00:00Z",
  image: `registry.example.com/checkout-web@sha256:${"b".repeat(64)}`,
  ...overrides,
});

describe("registerArtifactInput buildUrl", () => {
  it.each(["https://ci.example.com/builds/42", "http://jenkins.internal:8080/job/7"])("accepts a web link: %s", (buildUrl) => {
    expect(registerArtifactInput.parse(build({ buildUrl })).buildUrl).toBe(buildUrl);
  });

  it.each(["javascript:alert(document.cookie)", "JavaScript:alert(1)", "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "ftp://ci.example.com/x"])(
    "refuses a link that is not http(s): %s",
    (buildUrl) => {
      const result = registerArtifactInput.safeParse(build({ buildUrl }));
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["buildUrl", "must be an http(s) URL"]]);
    },
  );

  it("keeps free text such as markup in a version or commit message as it is (it is escaped where shown)", () => {
    const version = `9.9.9-<img src=x onerror="alert(1)">`;
    const message = "<script>alert(1)</script> fix";
    const parsed = registerArtifactInput.parse(build({ version, commits: [{ sha: "c".repeat(40), message, author: { name: "<b>M</b>", email: "m@example.com" }, time: "2026-03-01T09:00:00Z" }] }));
    expect(parsed.version).toBe(version);
    expect(parsed.commits[0]!.message).toBe(message);
  });
});
