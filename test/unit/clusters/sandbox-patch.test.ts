/* eslint-disable @typescript-eslint/no-explicit-any -- patch results are untyped JSON, read field by field */
import { describe, expect, it } from "vitest";
import { applyJsonPatch, applyMergePatch, applyPatch, applyStrategicMergePatch, PatchError, type Json } from "@/lib/sandbox/cluster/patch";

const deployment = (): Json => ({
  metadata: { name: "web", annotations: { a: "1", keep: "yes" } },
  spec: {
    replicas: 2,
    template: {
      spec: {
        containers: [
          { name: "web", image: "web@sha256:1", env: [{ name: "A", value: "1" }, { name: "B", value: "2" }] },
          { name: "sidecar", image: "proxy:1" },
        ],
      },
    },
  },
});

describe("strategic merge patch", () => {
  it("merges containers by name instead of replacing the list", () => {
    const result = applyStrategicMergePatch(deployment(), {
      spec: { template: { spec: { containers: [{ name: "web", image: "web@sha256:2" }] } } },
    }) as any;
    expect(result.spec.template.spec.containers).toEqual([
      { name: "web", image: "web@sha256:2", env: [{ name: "A", value: "1" }, { name: "B", value: "2" }] },
      { name: "sidecar", image: "proxy:1" },
    ]);
  });

  it("honours $patch: delete on list items, null deletions, nested merge keys and $setElementOrder", () => {
    const result = applyStrategicMergePatch(deployment(), {
      metadata: { annotations: { a: null, b: "2" } },
      spec: {
        template: {
          spec: {
            "$setElementOrder/containers": [{ name: "sidecar" }, { name: "web" }],
            containers: [
              { name: "web", env: [{ name: "A", $patch: "delete" }, { name: "C", value: "3" }] },
              { name: "sidecar", image: "proxy:2" },
            ],
          },
        },
      },
    } as unknown as Json) as any;
    expect(result.metadata.annotations).toEqual({ keep: "yes", b: "2" });
    expect(result.spec.template.spec.containers.map((c: any) => c.name)).toEqual(["sidecar", "web"]);
    expect(result.spec.template.spec.containers[1].env).toEqual([{ name: "B", value: "2" }, { name: "C", value: "3" }]);
    expect(JSON.stringify(result)).not.toContain("$");
  });

  it("replaces a list with $patch: replace and adds unknown keys as new items", () => {
    const replaced = applyStrategicMergePatch(deployment(), {
      spec: { template: { spec: { containers: [{ $patch: "replace" }, { name: "only", image: "x" }] } } },
    } as Json) as any;
    expect(replaced.spec.template.spec.containers).toEqual([{ name: "only", image: "x" }]);
    const added = applyStrategicMergePatch(deployment(), { spec: { template: { spec: { containers: [{ name: "new", image: "y" }] } } } }) as any;
    expect(added.spec.template.spec.containers.map((c: any) => c.name)).toEqual(["web", "sidecar", "new"]);
  });

  it("does not modify its input", () => {
    const input = deployment();
    const before = JSON.stringify(input);
    applyStrategicMergePatch(input, { spec: { replicas: 5 } });
    expect(JSON.stringify(input)).toBe(before);
  });
});

describe("JSON merge patch (RFC 7386)", () => {
  it("replaces lists wholesale and deletes with null", () => {
    const result = applyMergePatch(deployment(), {
      metadata: { annotations: { a: null } },
      spec: { template: { spec: { containers: [{ name: "solo", image: "z" }] } } },
    }) as any;
    expect(result.metadata.annotations).toEqual({ keep: "yes" });
    expect(result.spec.template.spec.containers).toEqual([{ name: "solo", image: "z" }]);
  });

  it("matches the RFC 7386 examples", () => {
    expect(applyMergePatch({ a: "b" }, { a: "c" })).toEqual({ a: "c" });
    expect(applyMergePatch({ a: "b" }, { b: "c" })).toEqual({ a: "b", b: "c" });
    expect(applyMergePatch({ a: "b" }, { a: null })).toEqual({});
    expect(applyMergePatch({ a: [{ b: "c" }] }, { a: [1] })).toEqual({ a: [1] });
    expect(applyMergePatch({ a: { b: "c" } }, { a: { b: "d", c: null } })).toEqual({ a: { b: "d" } });
    expect(applyMergePatch(["a", "b"], ["c", "d"])).toEqual(["c", "d"]);
  });
});

describe("JSON patch (RFC 6902)", () => {
  it("applies add, remove, replace, move, copy and test", () => {
    const result = applyJsonPatch({ a: { b: [1, 2] }, "x/y": 1, "m~n": 2 }, [
      { op: "add", path: "/a/b/-", value: 3 },
      { op: "add", path: "/a/b/0", value: 0 },
      { op: "remove", path: "/x~1y" },
      { op: "replace", path: "/m~0n", value: 5 },
      { op: "copy", from: "/a/b", path: "/c" },
      { op: "move", from: "/c", path: "/d" },
      { op: "test", path: "/d", value: [0, 1, 2, 3] },
    ]);
    expect(result).toEqual({ a: { b: [0, 1, 2, 3] }, "m~n": 5, d: [0, 1, 2, 3] });
  });

  it("replaces a whole template and annotations, as kubectl rollout undo does", () => {
    const result = applyJsonPatch(deployment(), [
      { op: "replace", path: "/spec/template", value: { spec: { containers: [{ name: "web", image: "old" }] } } },
      { op: "replace", path: "/metadata/annotations", value: { cause: "undo" } },
    ]) as any;
    expect(result.spec.template.spec.containers).toEqual([{ name: "web", image: "old" }]);
    expect(result.metadata.annotations).toEqual({ cause: "undo" });
  });

  it("fails atomically on a failed test or a missing path", () => {
    const input = { a: 1 };
    expect(() => applyJsonPatch(input, [{ op: "replace", path: "/a", value: 2 }, { op: "test", path: "/a", value: 1 }])).toThrow(PatchError);
    expect(() => applyJsonPatch(input, [{ op: "replace", path: "/missing", value: 2 }])).toThrow(/does not exist/);
    expect(() => applyJsonPatch(input, [{ op: "remove", path: "/a/b/c" }])).toThrow(PatchError);
    expect(() => applyJsonPatch(input, { op: "add" })).toThrow(/array/);
    expect(input).toEqual({ a: 1 });
  });
});

it("dispatches on the content type and rejects unknown ones", () => {
  expect(applyPatch("application/merge-patch+json; charset=utf-8", { a: 1 }, { b: 2 })).toEqual({ a: 1, b: 2 });
  expect(applyPatch("application/json-patch+json", { a: 1 }, [{ op: "remove", path: "/a" }])).toEqual({});
  expect(() => applyPatch("application/apply-patch+yaml", {}, {})).toThrow(/unsupported/);
});
