import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readWorkload } from "@/lib/clusters";
import type { SandboxCluster } from "@/lib/sandbox/cluster";
import { imageRef, kubectlFor, sandboxRequest, seedWeb, startTestSandbox, tokenCluster, webTarget } from "./sandbox-helpers";

/** API-server behaviour that lib/clusters relies on but does not itself exercise. */
let sandbox: SandboxCluster;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});

afterAll(async () => {
  await sandbox?.stop();
});

const api = (method: string, apiPath: string, body?: unknown, contentType?: string) => sandboxRequest(sandbox, method, apiPath, body, contentType);

describe("sandbox API semantics", () => {
  it("rejects a PUT carrying a stale resourceVersion with a 409 Conflict Status", async () => {
    const namespace = await seedWeb(sandbox);
    const url = `/apis/apps/v1/namespaces/${namespace}/deployments/web`;
    const { body: current } = await api("GET", url);
    const stale = structuredClone(current);
    current.spec.replicas = 4;
    const first = await api("PUT", url, current);
    expect(first.status).toBe(200);
    expect(first.body.metadata.generation).toBe(current.metadata.generation + 1);
    stale.spec.replicas = 5;
    const second = await api("PUT", url, stale);
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ kind: "Status", status: "Failure", reason: "Conflict", code: 409 });
  });

  it("answers invalid objects with 422, duplicates with 409, missing ones with 404, and unknown patch types with 415", async () => {
    const namespace = await seedWeb(sandbox);
    const base = `/apis/apps/v1/namespaces/${namespace}/deployments`;
    const invalid = await api("POST", base, {
      metadata: { name: "bad" },
      spec: { selector: { matchLabels: { app: "x" } }, template: { metadata: { labels: { app: "y" } }, spec: { containers: [] } } },
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.reason).toBe("Invalid");
    expect(invalid.body.details.causes.map((c: { field: string }) => c.field)).toEqual(["spec.template.metadata.labels", "spec.template.spec.containers"]);
    const duplicate = await api("POST", base, {
      metadata: { name: "web" },
      spec: { selector: { matchLabels: { app: "web" } }, template: { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "web", image: "x" }] } } },
    });
    expect(duplicate).toMatchObject({ status: 409, body: { reason: "AlreadyExists" } });
    expect((await api("GET", `${base}/nope`)).body).toMatchObject({ code: 404, reason: "NotFound", message: 'deployments.apps "nope" not found' });
    expect((await api("GET", `/apis/apps/v1/namespaces/${namespace}/deployments/web/status`)).body.status.replicas).toBe(3);
    expect((await api("PATCH", `${base}/web`, {}, "application/apply-patch+yaml")).status).toBe(415);
    expect((await api("POST", "/api/v1/namespaces/nowhere/pods", { metadata: { name: "p" }, spec: { containers: [{ name: "c", image: "i" }] } })).body).toMatchObject({
      code: 404,
      message: 'namespaces "nowhere" not found',
    });
  });

  it("deleting a Deployment deletes its ReplicaSets and pods", async () => {
    const namespace = await seedWeb(sandbox, { replicas: 2 });
    expect((await api("DELETE", `/apis/apps/v1/namespaces/${namespace}/deployments/web`)).body.status).toBe("Success");
    expect((await api("GET", `/apis/apps/v1/namespaces/${namespace}/replicasets`)).body.items).toEqual([]);
    expect((await api("GET", `/api/v1/namespaces/${namespace}/pods`)).body.items).toEqual([]);
  });
});

describe("persistence", () => {
  it("keeps objects, credentials, CA and kubeconfig across a restart with the same data dir", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "gantry-sandbox-persist-"));
    try {
      const first = await startTestSandbox({ dataDir, tokens: [{ token: "ci-token", user: "ci" }] });
      const namespace = await seedWeb(first, { image: imageRef("b") });
      const { url, token, caCert } = first;
      await first.stop();

      const port = Number(new URL(url).port);
      const second = await startTestSandbox({ dataDir, port });
      try {
        expect(second).toMatchObject({ url, token, caCert });
        const state = await readWorkload(webTarget(tokenCluster(second, "ci-token"), namespace));
        expect(state).toMatchObject({ image: imageRef("b"), replicas: { available: 3 } });
        const kubectl = await kubectlFor(second.kubeconfigPath);
        expect(await kubectl("get", "deployment", "web", "-n", namespace, "-o", "name")).toContain("deployment.apps/web");
      } finally {
        await second.stop();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe("rolling update controller", () => {
  it("honours maxSurge and maxUnavailable at every step and keeps revision history", async () => {
    // No timer-driven steps: the test advances the controller one step at a time.
    const manual = await startTestSandbox({ stepMs: 3_600_000 });
    try {
      await manual.seedDeployment({ namespace: "roll", name: "web", container: "web", image: imageRef("a"), replicas: 4 });
      const patched = await sandboxRequest(
        manual,
        "PATCH",
        "/apis/apps/v1/namespaces/roll/deployments/web",
        {
          spec: {
            strategy: { rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
            template: { spec: { containers: [{ name: "web", image: imageRef("b") }] } },
          },
        },
        "application/strategic-merge-patch+json",
      );
      expect(patched.status).toBe(200);
      const pods = () => sandboxRequest(manual, "GET", "/api/v1/namespaces/roll/pods");
      let steps = 0;
      for (;;) {
        manual.settle(1);
        steps++;
        const list = (await pods()).body.items as { spec: { containers: { image: string }[] }; status: { conditions?: { type: string; status: string }[] } }[];
        const ready = list.filter((p) => p.status.conditions?.some((c) => c.type === "Ready" && c.status === "True")).length;
        expect(list.length).toBeLessThanOrEqual(5); // desired 4 + maxSurge 1
        expect(ready).toBeGreaterThanOrEqual(4); // desired 4 - maxUnavailable 0
        const deployment = manual.getObject("deployments", "roll", "web")!;
        if (deployment.status?.updatedReplicas === 4 && deployment.status?.replicas === 4 && deployment.status?.availableReplicas === 4) break;
        expect(steps).toBeLessThan(50);
      }
      expect(steps).toBeGreaterThanOrEqual(4); // one surge pod at a time: at least a step per replaced pod
      const replicaSets = (await sandboxRequest(manual, "GET", "/apis/apps/v1/namespaces/roll/replicasets")).body.items as {
        metadata: { annotations: Record<string, string> };
        spec: { replicas: number; template: { spec: { containers: { image: string }[] } } };
      }[];
      expect(replicaSets.map((rs) => [rs.metadata.annotations["deployment.kubernetes.io/revision"], rs.spec.replicas, rs.spec.template.spec.containers[0]?.image]).sort()).toEqual([
        ["1", 0, imageRef("a")],
        ["2", 4, imageRef("b")],
      ]);
    } finally {
      await manual.stop();
    }
  });
});
