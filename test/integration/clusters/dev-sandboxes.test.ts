import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readWorkload } from "@/lib/clusters";
import { startDevSandboxes } from "@/lib/sandbox/cluster/dev";
import { imageRef, kubectlFor } from "./sandbox-helpers";

describe("dev sandboxes", () => {
  it("start two clusters with one kubeconfig, give Gantry cluster records, and keep deployed state across restarts", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "gantry-dev-sandbox-"));
    // A busy preferred port falls back to a free one.
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const busy = (blocker.address() as net.AddressInfo).port;
    try {
      const clusters = [
        { name: "sandbox-east", port: busy },
        { name: "sandbox-west" },
      ];
      const first = await startDevSandboxes({ dataDir, clusters, stepMs: 25 });
      expect(new URL(first.byName("sandbox-east")!.url).port).not.toBe(String(busy));
      const workloads = [
        { clusterName: "sandbox-east", namespace: "shop-prod", name: "web", container: "web", image: imageRef("a"), replicas: 2 },
        { clusterName: "sandbox-west", namespace: "shop-prod", name: "web", container: "web", image: imageRef("a"), replicas: 2 },
      ];
      expect(await first.ensureWorkloads(workloads)).toBe(2);
      const kubectl = await kubectlFor(first.kubeconfigPath);
      await kubectl("--context", "sandbox-west", "set", "image", "deployment/web", `web=${imageRef("b")}`, "-n", "shop-prod");
      const eastUrl = first.byName("sandbox-east")!.url;
      await first.stop();

      const second = await startDevSandboxes({ dataDir, clusters: [{ name: "sandbox-east", port: Number(new URL(eastUrl).port) }, { name: "sandbox-west" }], stepMs: 25 });
      try {
        expect(await second.ensureWorkloads(workloads)).toBe(0);
        const records = second.records();
        expect(records.map((r) => r.name)).toEqual(["sandbox-east", "sandbox-west"]);
        const target = (name: string) => ({
          cluster: records.find((r) => r.name === name)!,
          namespace: "shop-prod",
          workloadKind: "Deployment" as const,
          workloadName: "web",
          containerName: "web",
        });
        expect((await readWorkload(target("sandbox-east"))).image).toBe(imageRef("a"));
        expect((await readWorkload(target("sandbox-west"))).image).toBe(imageRef("b"));
      } finally {
        await second.stop();
      }
    } finally {
      blocker.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
