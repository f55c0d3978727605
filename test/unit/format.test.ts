import { describe, expect, it } from "vitest";
import { formatAbsoluteTime, formatRelativeTime, shortDigest, shortImage } from "@/components/ui/format";

const now = new Date("2025-03-14T12:00:00Z");
const ago = (ms: number) => new Date(now.getTime() - ms);
const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe("formatRelativeTime", () => {
  it.each([
    [0, "just now"],
    [44 * s, "just now"],
    [46 * s, "1m ago"],
    [5 * m, "5m ago"],
    [59 * m, "59m ago"],
    [60 * m, "1h ago"],
    [23 * h, "23h ago"],
    [36 * h, "2d ago"],
    [29 * d, "29d ago"],
    [-5 * m, "in 5m"],
  ])("%i ms ago reads %s", (ms, expected) => {
    expect(formatRelativeTime(ago(ms), now)).toBe(expected);
  });

  it("shows the date once it is more than a month old", () => {
    expect(formatRelativeTime(ago(45 * d), now)).toBe("2025-01-28");
  });
});

describe("formatAbsoluteTime", () => {
  it("is UTC to the second", () => {
    expect(formatAbsoluteTime(new Date("2025-03-14T09:26:53.789Z"))).toBe("2025-03-14 09:26:53 UTC");
  });
});

describe("shortDigest", () => {
  it("keeps the first 12 hex digits without the algorithm", () => {
    expect(shortDigest("sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef")).toBe("0123456789ab");
    expect(shortDigest("0123456789abcdef")).toBe("0123456789ab");
  });
});

describe("shortImage", () => {
  it("shows a pinned image by its short digest and a tagged one without its registry path", () => {
    expect(shortImage(`registry.example.com/team/app@sha256:${"ab".repeat(32)}`)).toBe("abababababab");
    expect(shortImage("registry.example.com/team/app:hotfix")).toBe("app:hotfix");
    expect(shortImage("app:1.2")).toBe("app:1.2");
  });
});
