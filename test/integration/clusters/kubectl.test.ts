import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployImage, detectDrift, readWorkload, watchRollout, type ClusterConnection } from "@/lib/clusters";
import { writeKubeconfig, type SandboxCluster } from "@/lib/sandbox/cluster";
import { digest, imageRef, kubectlFor, patchRequests, seedWeb, startTestSandbox, tokenCluster, webTarget } from "./sandbox-helpers";

/**
 * The real kubectl, a client we did not write, drives the sandbox through the kubeconfig it wrote;
 * lib/clusters then reads the state kubectl left (and the other way round).
 */
let sandbox: SandboxCluster;
let cluster: ClusterConnection;
let kubectl: (...args: string[]) => Promise<string>;

beforeAll(async () => {
  sandbox = await startTestSandbox({ tokens: [{ token: "viewer-token", user: "viewer", verbs: ["get", "list", "watch"] }] });
  cluster = tokenCluster(sandbox, sandbox.token);
  kubectl = await kubectlFor(sandbox.kubeconfigPath);
});

afterAll(async () => {
  await sandbox?.stop();
});

describe("kubectl against the sandbox", () => {
  it("writes a kubeconfig with the server, CA and token", async () => {
    const text = await readFile(sandbox.kubeconfigPath, "utf8");
    expect(text).toContain(sandbox.url);
    expect(text).toContain("certificate-authority-data");
    expect(text).toContain(sandbox.token);
  });

  it("lists deployments across namespaces with server-side columns", async () => {
    const namespace = await seedWeb(sandbox, { replicas: 2 });
    const out = await kubectl("get", "deployments", "-A");
    const header = out.split("\n")[0] ?? "";
    expect(header.split(/\s+/)).toEqual(["NAMESPACE", "NAME", "READY", "UP-TO-DATE", "AVAILABLE", "AGE"]);
    expect(out).toMatch(new RegExp(`${namespace}\\s+web\\s+2/2\\s+2\\s+2`));
  });

  it("reads objects as JSON, including pods with their container statuses", async () => {
    const namespace = await seedWeb(sandbox, { replicas: 2 });
    const deployment = JSON.parse(await kubectl("get", "deployment", "web", "-n", namespace, "-o", "json"));
    expect(deployment.spec.template.spec.containers[0].image).toBe(imageRef("a"));
    expect(deployment.status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2 });
    const pods = JSON.parse(await kubectl("get", "pods", "-n", namespace, "-l", "app=web", "-o", "json"));
    expect(pods.items).toHaveLength(2);
    expect(pods.items[0].status.containerStatuses[0]).toMatchObject({ name: "web", ready: true, restartCount: 0 });
    const described = await kubectl("describe", "deployment", "web", "-n", namespace);
    expect(described).toContain("NewReplicaSet:");
    expect(described).toContain("ScalingReplicaSet");
  });

  it("kubectl set image is drift that detectDrift reports with both digests", async () => {
    const namespace = await seedWeb(sandbox);
    const target = webTarget(cluster, namespace);
    await deployImage(target, { imageRef: imageRef("b"), promotionId: "p-1", artifactId: "a-b", changeCause: "gantry: b" });
    expect((await detectDrift(target, { imageRef: imageRef("b") })).drifted).toBe(false);
    await kubectl("set", "image", "deployment/web", `web=${imageRef("c")}`, "-n", namespace);
    const drift = await detectDrift(target, { imageRef: imageRef("b") });
    expect(drift).toMatchObject({ drifted: true, expected: { digest: digest("b") }, live: { digest: digest("c") } });
  });

  it("kubectl rollout status completes after deployImage, and agrees with watchRollout", async () => {
    const namespace = await seedWeb(sandbox, { replicas: 3 });
    const target = webTarget(cluster, namespace);
    await deployImage(target, { imageRef: imageRef("d"), promotionId: "p-2", artifactId: "a-d", changeCause: "gantry: d" });
    const [status, rollout] = await Promise.all([
      kubectl("rollout", "status", "deployment/web", "-n", namespace, "--timeout=60s"),
      watchRollout(target, { timeoutMs: 60_000 }),
    ]);
    expect(status).toContain('deployment "web" successfully rolled out');
    expect(rollout.outcome).toBe("succeeded");
  });

  it("kubectl rollout status fails on a crash-looping image that watchRollout also fails", async () => {
    sandbox.markImage(digest("e"), { crashLoop: true });
    const namespace = await seedWeb(sandbox, { progressDeadlineSeconds: 8 });
    const target = webTarget(cluster, namespace);
    await deployImage(target, { imageRef: imageRef("e"), promotionId: "p-3", artifactId: "a-e", changeCause: "gantry: e" });
    expect((await watchRollout(target, { timeoutMs: 60_000 })).reason).toBe("CrashLoop");
    await expect(kubectl("rollout", "status", "deployment/web", "-n", namespace, "--timeout=60s")).rejects.toThrow(/exceeded its progress deadline/);
    const pods = JSON.parse(await kubectl("get", "pods", "-n", namespace, "-o", "json"));
    const crashing = pods.items.find((p: { spec: { containers: { image: string }[] } }) => p.spec.containers[0]?.image === imageRef("e"));
    expect(crashing.status.containerStatuses[0].state.waiting.reason).toBe("CrashLoopBackOff");
    expect(crashing.status.containerStatuses[0].restartCount).toBeGreaterThan(0);
  });

  it("kubectl rollout history shows Gantry's change causes, and rollout undo leaves what readWorkload reads", async () => {
    const namespace = await seedWeb(sandbox);
    const target = webTarget(cluster, namespace);
    await deployImage(target, { imageRef: imageRef("b"), promotionId: "p-4", artifactId: "a-b", changeCause: "gantry: promote b" });
    await watchRollout(target, { timeoutMs: 60_000 });
    await deployImage(target, { imageRef: imageRef("c"), promotionId: "p-5", artifactId: "a-c", changeCause: "gantry: promote c" });
    await watchRollout(target, { timeoutMs: 60_000 });

    const history = await kubectl("rollout", "history", "deployment/web", "-n", namespace);
    expect(history).toMatch(/2\s+gantry: promote b/);
    expect(history).toMatch(/3\s+gantry: promote c/);

    await kubectl("rollout", "undo", "deployment/web", "-n", namespace);
    await kubectl("rollout", "status", "deployment/web", "-n", namespace, "--timeout=60s");
    const state = await readWorkload(target);
    expect(state.image).toBe(imageRef("b"));
    expect(state.revision).toBe(4);
    // The undo reused revision 2's ReplicaSet, which now is revision 4.
    expect(state.history.map((h) => [h.revision, h.digest])).toEqual([
      [4, digest("b")],
      [3, digest("c")],
      [1, digest("a")],
    ]);
    expect(state.history[0]?.changeCause).toBe("gantry: promote b");

    await kubectl("rollout", "undo", "deployment/web", "-n", namespace, "--to-revision=1");
    await kubectl("rollout", "status", "deployment/web", "-n", namespace, "--timeout=60s");
    expect((await readWorkload(target)).image).toBe(imageRef("a"));
  });

  it("a deployImage after kubectl's own patches is still sent once per promotion", async () => {
    const namespace = await seedWeb(sandbox);
    const target = webTarget(cluster, namespace);
    await kubectl("annotate", "deployment/web", "-n", namespace, "team=shop");
    const input = { imageRef: imageRef("b"), promotionId: "p-6", artifactId: "a-b", changeCause: "gantry: b" };
    await deployImage(target, input);
    await deployImage(target, input);
    // One PATCH from kubectl annotate, one from Gantry.
    expect(patchRequests(sandbox, namespace)).toHaveLength(2);
    const annotations = JSON.parse(await kubectl("get", "deployment", "web", "-n", namespace, "-o", "jsonpath={.metadata.annotations}"));
    expect(annotations).toMatchObject({ team: "shop", "gantry.dev/promotion": "p-6", "kubernetes.io/change-cause": "gantry: b" });
  });

  it("answers kubectl auth can-i from the token's permissions, and refuses writes with 403", async () => {
    const namespace = await seedWeb(sandbox);
    const viewerConfig = `${sandbox.kubeconfigPath}.viewer`;
    await writeKubeconfig(viewerConfig, [{ name: "viewer", server: sandbox.url, token: "viewer-token", ...(sandbox.caCert ? { caCert: sandbox.caCert } : {}) }]);
    const viewer = await kubectlFor(viewerConfig);
    expect((await viewer("auth", "can-i", "get", "deployments", "-n", namespace)).trim()).toBe("yes");
    await expect(viewer("auth", "can-i", "patch", "deployments", "-n", namespace)).rejects.toThrow(/no/);
    await expect(viewer("set", "image", "deployment/web", `web=${imageRef("c")}`, "-n", namespace)).rejects.toThrow(
      /User "viewer" cannot patch resource "deployments"/,
    );
  });
});
