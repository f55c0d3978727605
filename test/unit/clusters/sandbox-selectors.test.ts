import { describe, expect, it } from "vitest";
import { labelSelectorToString, matchesFields, matchesRequirements, parseFieldSelector, parseLabelSelector, SelectorError } from "@/lib/sandbox/cluster/selectors";

const labels = { app: "web", tier: "frontend", "pod-template-hash": "abc" };
const matches = (selector: string) => matchesRequirements(labels, parseLabelSelector(selector));

describe("label selectors", () => {
  it("supports equality, inequality, existence and set-based requirements", () => {
    expect(matches("")).toBe(true);
    expect(matches("app=web")).toBe(true);
    expect(matches("app==web,tier=frontend")).toBe(true);
    expect(matches("app=api")).toBe(false);
    expect(matches("app!=api")).toBe(true);
    expect(matches("missing!=x")).toBe(true);
    expect(matches("tier in (frontend, backend)")).toBe(true);
    expect(matches("tier notin (frontend)")).toBe(false);
    expect(matches("app,!missing")).toBe(true);
    expect(matches("!app")).toBe(false);
    expect(matches("tier in (backend),app=web")).toBe(false);
  });

  it("rejects malformed selectors", () => {
    expect(() => parseLabelSelector("app=web=x y")).toThrow(SelectorError);
  });

  it("round-trips a Deployment's LabelSelector", () => {
    const selector = {
      matchLabels: { app: "web" },
      matchExpressions: [
        { key: "tier", operator: "In", values: ["frontend", "edge"] },
        { key: "legacy", operator: "DoesNotExist" },
      ],
    };
    const text = labelSelectorToString(selector);
    expect(text).toBe("app=web,tier in (frontend,edge),!legacy");
    expect(matches(text)).toBe(true);
  });
});

describe("field selectors", () => {
  const event = { metadata: { name: "web.1", namespace: "shop" }, involvedObject: { kind: "Deployment", name: "web" } };
  it("matches dotted paths with = and !=", () => {
    expect(matchesFields(event, parseFieldSelector("metadata.name=web.1"))).toBe(true);
    expect(matchesFields(event, parseFieldSelector("involvedObject.kind=Deployment,involvedObject.name=web"))).toBe(true);
    expect(matchesFields(event, parseFieldSelector("involvedObject.name!=web"))).toBe(false);
    expect(matchesFields(event, parseFieldSelector("metadata.name=other"))).toBe(false);
  });
});
