import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ClusterError,
  deployImage,
  detectDrift,
  readWorkload,
  sealCredentials,
  testConnection,
  watchRollout,
  type ClusterConnection,
  type RolloutProgress,
} from "@/lib/clusters";
import { findFreePort } from "@/lib/db/embedded-postgres";
import type { SandboxCluster } from "@/lib/sandbox/cluster";
import { digest, imageRef, patchRequests, sandboxRequest, seedWeb, startTestSandbox, tokenCluster, uniqueNamespace, webTarget } from "./sandbox-helpers";

let sandbox: SandboxCluster;
let cluster: ClusterConnection;

beforeAll(async () => {
  sandbox = await startTestSandbox({
    tokens: [
      { token: "viewer-token", user: "viewer", verbs: ["get", "list", "watch"] },
      { token: "team-a-token", user: "team-a", namespaces: ["team-a"] },
    ],
  });
  cluster = tokenCluster(sandbox, sandbox.token);
});

afterAll(async () => {
  await sandbox?.stop();
});

async function kindOf(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ClusterError) return error.kind;
    throw error;
  }
  return "resolved";
}

const deployInput = (char: string, promotionId: string) => ({
  imageRef: imageRef(char),
  promotionId,
  artifactId: `artifact-${char}`,
  changeCause: `gantry: promote artifact-${char} (${promotionId})`,
});

describe("readWorkload", () => {
  it("reports the live image, replica counts, conditions and revision history", async () => {
    const namespace = await seedWeb(sandbox, { replicas: 3 });
    const state = await readWorkload(webTarget(cluster, namespace));
    expect(state.image).toBe(imageRef("a"));
    expect(state.digest).toBe(digest("a"));
    expect(state.replicas).toMatchObject({ desired: 3, updated: 3, ready: 3, available: 3 });
    expect(state.conditions.find((c) => c.type === "Available")?.status).toBe("True");
    expect(state.rollout.phase).toBe("succeeded");
    expect(state.history).toHaveLength(1);
    expect(state.history[0]).toMatchObject({ revision: 1, image: imageRef("a"), digest: digest("a") });
  });

  it("names the container list when the container does not exist", async () => {
    const namespace = await seedWeb(sandbox);
    const error = await readWorkload({ ...webTarget(cluster, namespace), containerName: "sidecar" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterError);
    expect((error as ClusterError).kind).toBe("not_found");
    expect((error as ClusterError).message).toContain("containers: web");
  });

  it("maps a missing deployment to not_found and refuses unsupported workload kinds", async () => {
    const namespace = await seedWeb(sandbox);
    expect(await kindOf(readWorkload({ ...webTarget(cluster, namespace), workloadName: "nope" }))).toBe("not_found");
    expect(await kindOf(readWorkload({ ...webTarget(cluster, namespace), workloadKind: "ArgoRollout" }))).toBe("unsupported");
  });
});

describe("deployImage + watchRollout", () => {
  it("rolls out a good image to completion, reporting progress, and records the promotion", async () => {
    // Pods of this image stay unready until the watch has reported the rollout in progress, so
    // the progress events cannot be skipped however fast the sandbox is.
    sandbox.markImage(digest("b"), { neverReady: true });
    const namespace = await seedWeb(sandbox, { replicas: 4 });
    const target = webTarget(cluster, namespace);
    const result = await deployImage(target, deployInput("b", "promo-1"));
    expect(result).toMatchObject({ patched: true, previousImage: imageRef("a"), image: imageRef("b"), generation: 2 });

    const progress: RolloutProgress[] = [];
    const rollout = await watchRollout(target, {
      timeoutMs: 20_000,
      onProgress: (p) => {
        progress.push(p);
        if (p.phase === "progressing" && p.observedGeneration === 2) sandbox.markImage(digest("b"), { healthy: true });
      },
    });
    expect(rollout.outcome).toBe("succeeded");
    expect(rollout.final).toMatchObject({ desired: 4, updated: 4, ready: 4, available: 4, observedGeneration: 2 });
    expect(progress.some((p) => p.phase === "progressing" && p.updated < 4)).toBe(true);
    expect(progress.at(-1)?.phase).toBe("succeeded");

    const state = await readWorkload(target);
    expect(state).toMatchObject({ image: imageRef("b"), promotionId: "promo-1", artifactId: "artifact-b", revision: 2 });
    expect(state.history.map((h) => [h.revision, h.digest])).toEqual([
      [2, digest("b")],
      [1, digest("a")],
    ]);
    expect(state.history[0]).toMatchObject({ promotionId: "promo-1", changeCause: "gantry: promote artifact-b (promo-1)" });
  });

  it("sends the patch once when called twice for the same promotion", async () => {
    const namespace = await seedWeb(sandbox);
    const target = webTarget(cluster, namespace);
    const first = await deployImage(target, deployInput("c", "promo-twice"));
    const second = await deployImage(target, deployInput("c", "promo-twice"));
    expect(first.patched).toBe(true);
    expect(second.patched).toBe(false);
    expect(patchRequests(sandbox, namespace)).toHaveLength(1);
    expect(patchRequests(sandbox, namespace)[0]?.contentType).toBe("application/strategic-merge-patch+json");
    // A different promotion of the same artifact is a new deployment record: it patches.
    await deployImage(target, deployInput("c", "promo-again"));
    expect(patchRequests(sandbox, namespace)).toHaveLength(2);
  });

  it("rolls back by deploying the previous artifact's reference (the ReplicaSet is reused)", async () => {
    const namespace = await seedWeb(sandbox);
    const target = webTarget(cluster, namespace);
    await deployImage(target, deployInput("d", "promo-forward"));
    expect((await watchRollout(target, { timeoutMs: 20_000 })).outcome).toBe("succeeded");
    await deployImage(target, { ...deployInput("a", "rollback-1"), changeCause: "gantry: rollback to artifact-a" });
    expect((await watchRollout(target, { timeoutMs: 20_000 })).outcome).toBe("succeeded");
    const state = await readWorkload(target);
    expect(state.image).toBe(imageRef("a"));
    expect(state.revision).toBe(3);
    expect(state.history.map((h) => [h.revision, h.digest])).toEqual([
      [3, digest("a")],
      [2, digest("d")],
    ]);
  });

  it("fails a rollout whose pods crash-loop past the restart threshold", async () => {
    sandbox.markImage(digest("e"), { crashLoop: true });
    const namespace = await seedWeb(sandbox);
    const target = webTarget(cluster, namespace);
    await deployImage(target, deployInput("e", "promo-crash"));
    const rollout = await watchRollout(target, { timeoutMs: 20_000, restartThreshold: 3 });
    expect(rollout.outcome).toBe("failed");
    expect(rollout.reason).toBe("CrashLoop");
    expect(rollout.final.crashingPods[0]?.restartCount).toBeGreaterThanOrEqual(3);
    expect(rollout.message).toContain("CrashLoopBackOff");
    // The old pods keep serving: the rolling update never takes them below availability.
    expect((await readWorkload(target)).replicas.available).toBeGreaterThanOrEqual(2);
  });

  it("fails a rollout that exceeds its progress deadline", async () => {
    sandbox.markImage(imageRef("f"), { neverReady: true });
    const namespace = await seedWeb(sandbox, { progressDeadlineSeconds: 6 });
    const target = webTarget(cluster, namespace);
    await deployImage(target, deployInput("f", "promo-stuck"));
    const rollout = await watchRollout(target, { timeoutMs: 20_000 });
    expect(rollout.outcome).toBe("failed");
    expect(rollout.reason).toBe("ProgressDeadlineExceeded");
    const state = await readWorkload(target);
    expect(state.conditions.find((c) => c.type === "Progressing")).toMatchObject({ status: "False", reason: "ProgressDeadlineExceeded" });
  });

  it("reports a timeout when the rollout neither finishes nor fails in time", async () => {
    sandbox.markImage(digest("9"), { neverReady: true });
    const namespace = await seedWeb(sandbox);
    const target = webTarget(cluster, namespace);
    await deployImage(target, deployInput("9", "promo-slow"));
    const rollout = await watchRollout(target, { timeoutMs: 300 });
    expect(rollout.outcome).toBe("failed");
    expect(rollout.reason).toBe("Timeout");
  });

  it("survives dropped watches and still sees the rollout finish", async () => {
    sandbox.markImage(digest("7"), { neverReady: true });
    const namespace = await seedWeb(sandbox, { replicas: 2 });
    const target = webTarget(cluster, namespace);
    await deployImage(target, deployInput("7", "promo-reconnect"));
    const watchRequests = () =>
      sandbox.requests.filter((r) => r.path === `/apis/apps/v1/namespaces/${namespace}/deployments` && /watch=true/.test(r.query)).length;
    let dropped = false;
    const rollout = await watchRollout(target, {
      timeoutMs: 20_000,
      onProgress: () => {
        if (dropped) return;
        dropped = true;
        void (async () => {
          while (watchRequests() < 1) await new Promise((r) => setTimeout(r, 10));
          sandbox.dropWatches();
          // Let the pods become ready only once the watcher has come back.
          while (watchRequests() < 2) await new Promise((r) => setTimeout(r, 10));
          sandbox.markImage(digest("7"), { healthy: true });
        })();
      },
    });
    expect(rollout.outcome).toBe("succeeded");
    expect(rollout.reconnects).toBeGreaterThan(0);
  });

  it("refuses an image reference that is not pinned by digest, without patching", async () => {
    const namespace = await seedWeb(sandbox);
    await expect(
      deployImage(webTarget(cluster, namespace), { ...deployInput("b", "p"), imageRef: "registry.example.com/shop/web:latest" }),
    ).rejects.toThrow(/pinned by digest/);
    expect(patchRequests(sandbox, namespace)).toHaveLength(0);
  });
});

describe("detectDrift", () => {
  it("reports no drift for what Gantry deployed, and both digests after an out-of-band change", async () => {
    const namespace = await seedWeb(sandbox);
    const target = webTarget(cluster, namespace);
    await deployImage(target, deployInput("b", "promo-drift"));
    expect((await detectDrift(target, { imageRef: imageRef("b") })).drifted).toBe(false);
    // Same digest spelled through another repository name is the same content.
    expect((await detectDrift(target, { imageRef: imageRef("b", "mirror.example.com/web") })).drifted).toBe(false);

    // Someone patches the Deployment by hand, as a script with curl might.
    const response = await sandboxRequest(
      sandbox,
      "PATCH",
      `/apis/apps/v1/namespaces/${namespace}/deployments/web`,
      { spec: { template: { spec: { containers: [{ name: "web", image: imageRef("c") }] } } } },
      "application/strategic-merge-patch+json",
    );
    expect(response.status).toBe(200);
    const drift = await detectDrift(target, { imageRef: imageRef("b") });
    expect(drift).toMatchObject({ drifted: true, expected: { digest: digest("b") }, live: { digest: digest("c"), promotionId: "promo-drift" } });
  });
});

describe("typed errors", () => {
  it("maps 401 (unknown token) to unauthorized", async () => {
    const namespace = await seedWeb(sandbox);
    const bad = tokenCluster(sandbox, "not-a-token");
    expect(await kindOf(readWorkload(webTarget(bad, namespace)))).toBe("unauthorized");
    expect(await kindOf(watchRollout(webTarget(bad, namespace), { timeoutMs: 5000 }))).toBe("unauthorized");
  });

  it("maps 403 to forbidden with the server's reason", async () => {
    const namespace = await seedWeb(sandbox);
    const viewer = tokenCluster(sandbox, "viewer-token");
    const target = webTarget(viewer, namespace);
    expect((await readWorkload(target)).image).toBe(imageRef("a"));
    const error = await deployImage(target, deployInput("b", "promo-forbidden")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterError);
    expect((error as ClusterError).kind).toBe("forbidden");
    expect((error as ClusterError).message).toContain('cannot patch resource "deployments"');
    const outsider = tokenCluster(sandbox, "team-a-token");
    expect(await kindOf(readWorkload(webTarget(outsider, namespace)))).toBe("forbidden");
  });

  it("maps a refused connection to unreachable, also for watchRollout once its deadline passes", async () => {
    const port = await findFreePort();
    const down: ClusterConnection = { ...cluster, apiServerUrl: `https://127.0.0.1:${port}` };
    const target = webTarget(down, "default");
    expect(await kindOf(readWorkload(target, { timeoutMs: 2000 }))).toBe("unreachable");
    expect(await kindOf(watchRollout(target, { timeoutMs: 500 }))).toBe("unreachable");
  });

  it("maps a server that accepts but never answers to timeout", async () => {
    const sockets = new Set<net.Socket>();
    const silent = net.createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const port = (silent.address() as net.AddressInfo).port;
      const hung: ClusterConnection = { ...cluster, apiServerUrl: `https://127.0.0.1:${port}` };
      expect(await kindOf(readWorkload(webTarget(hung, "default"), { timeoutMs: 300 }))).toBe("timeout");
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });

  it("maps an untrusted server certificate to tls", async () => {
    const untrusted: ClusterConnection = { ...cluster, caBundle: null };
    expect(await kindOf(readWorkload(webTarget(untrusted, "default")))).toBe("tls");
  });

  it("refuses undecryptable credentials as invalid_config", async () => {
    // Flip the first character of the ciphertext part: always a different byte.
    const [version, iv, ciphertext, tag] = cluster.encryptedCredentials!.split(".") as [string, string, string, string];
    const flipped = (ciphertext[0] === "A" ? "B" : "A") + ciphertext.slice(1);
    const tampered: ClusterConnection = { ...cluster, encryptedCredentials: [version, iv, flipped, tag].join(".") };
    expect(await kindOf(readWorkload(webTarget(tampered, "default")))).toBe("invalid_config");
  });
});

describe("testConnection", () => {
  it("reports the version and full permissions for the admin token", async () => {
    const report = await testConnection(cluster, "shop");
    expect(report).toMatchObject({ ok: true, server: { gitVersion: expect.stringMatching(/^v1\./) }, permissions: { get: true, list: true, watch: true, patch: true } });
  });

  it("says precisely what a read-only credential lacks", async () => {
    const report = await testConnection(tokenCluster(sandbox, "viewer-token"), "shop");
    expect(report.ok).toBe(false);
    expect(report.permissions).toEqual({ get: true, list: true, watch: true, patch: false });
    expect(report.problems.join(" ")).toContain('may not patch deployments.apps in namespace "shop"');
    const scoped = await testConnection(tokenCluster(sandbox, "team-a-token"), "team-a");
    expect(scoped.ok).toBe(true);
  });

  it("reports wrong credentials and unreachable servers as errors instead of throwing", async () => {
    const wrong = await testConnection(tokenCluster(sandbox, "wrong"), "shop");
    expect(wrong).toMatchObject({ ok: false, error: { kind: "unauthorized" } });
    const port = await findFreePort();
    const down = await testConnection({ ...cluster, apiServerUrl: `https://127.0.0.1:${port}` }, "shop", { timeoutMs: 2000 });
    expect(down).toMatchObject({ ok: false, error: { kind: "unreachable" } });
  });
});

describe("other credential kinds", () => {
  it("authenticates with a client certificate", async () => {
    const namespace = await seedWeb(sandbox);
    const { certificate, key } = await sandbox.issueClientCertificate({ user: "deployer", namespaces: [namespace] });
    const certCluster: ClusterConnection = {
      name: "sandbox-cert",
      apiServerUrl: sandbox.url,
      caBundle: sandbox.caCert ?? null,
      insecureSkipTlsVerify: false,
      ...sealCredentials({ authKind: "ClientCertificate", clientCertificate: certificate, clientKey: key }),
    };
    const target = webTarget(certCluster, namespace);
    await deployImage(target, deployInput("b", "promo-cert"));
    expect((await watchRollout(target, { timeoutMs: 20_000 })).outcome).toBe("succeeded");
    expect((await testConnection(certCluster, "elsewhere")).permissions?.get).toBe(false);
  });

  it("uses a pasted kubeconfig (the one the sandbox writes)", async () => {
    const namespace = await seedWeb(sandbox);
    const { readFile } = await import("node:fs/promises");
    const kubeconfig = await readFile(sandbox.kubeconfigPath, "utf8");
    const kcCluster: ClusterConnection = {
      name: "sandbox-kubeconfig",
      apiServerUrl: sandbox.url,
      caBundle: null,
      insecureSkipTlsVerify: false,
      ...sealCredentials({ authKind: "Kubeconfig", kubeconfig }),
    };
    expect((await readWorkload(webTarget(kcCluster, namespace))).image).toBe(imageRef("a"));
  });
});

it("keeps namespaces isolated (sanity check of the helpers)", () => {
  expect(uniqueNamespace()).not.toBe(uniqueNamespace());
});
