import { describe, expect, it } from "vitest";
import { digestOf, isDigestPinned, parseImageRef, sameImage } from "@/lib/clusters";

const d1 = "sha256:" + "1".repeat(64);
const d2 = "sha256:" + "2".repeat(64);

describe("image references", () => {
  it("parses registry ports, tags and digests", () => {
    expect(parseImageRef(`registry.example.com:5000/team/web:1.2@${d1}`)).toEqual({ repository: "registry.example.com:5000/team/web", tag: "1.2", digest: d1 });
    expect(parseImageRef("registry.example.com:5000/team/web")).toEqual({ repository: "registry.example.com:5000/team/web" });
    expect(parseImageRef("nginx:latest")).toEqual({ repository: "nginx", tag: "latest" });
  });

  it("knows a pinned reference", () => {
    expect(isDigestPinned(`web@${d1}`)).toBe(true);
    expect(isDigestPinned(`web:1@${d1}`)).toBe(true);
    expect(isDigestPinned("web:1")).toBe(false);
    expect(isDigestPinned("web@sha256:short")).toBe(false);
    expect(digestOf("web:1")).toBeUndefined();
  });

  it("compares by digest when both are pinned, else by exact reference", () => {
    expect(sameImage(`a/web@${d1}`, `mirror/web:1@${d1}`)).toBe(true);
    expect(sameImage(`a/web@${d1}`, `a/web@${d2}`)).toBe(false);
    expect(sameImage("web:1", "web:1")).toBe(true);
    expect(sameImage("web:1", `web@${d1}`)).toBe(false);
    expect(sameImage(undefined, "web:1")).toBe(false);
  });
});
