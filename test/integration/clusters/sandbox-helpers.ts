import { execFile } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import https from "node:https";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sealCredentials, type ClusterConnection, type WorkloadTarget } from "@/lib/clusters";
import { startSandboxCluster, type SandboxCluster, type SandboxClusterOptions } from "@/lib/sandbox/cluster";

const run = promisify(execFile);

/** Fast enough for tests, slow enough that a rollout spans several watch events. */
export const STEP_MS = 25;

export function startTestSandbox(options: SandboxClusterOptions = {}) {
  return startSandboxCluster({ stepMs: STEP_MS, ...options });
}

export function tokenCluster(sandbox: SandboxCluster, token: string, name = "sandbox-test"): ClusterConnection {
  return {
    name,
    apiServerUrl: sandbox.url,
    caBundle: sandbox.caCert ?? null,
    insecureSkipTlsVerify: false,
    ...sealCredentials({ authKind: "BearerToken", token }),
  };
}

let counter = 0;
export function uniqueNamespace(prefix = "ns") {
  return `${prefix}-${process.pid}-${++counter}`;
}

export const digest = (char: string) => `sha256:${char.repeat(64)}`;
export const imageRef = (char: string, repo = "registry.example.com/shop/web") => `${repo}@${digest(char)}`;

export async function seedWeb(sandbox: SandboxCluster, options: { replicas?: number; image?: string; progressDeadlineSeconds?: number } = {}) {
  const namespace = uniqueNamespace();
  await sandbox.seedDeployment({
    namespace,
    name: "web",
    container: "web",
    image: options.image ?? imageRef("a"),
    replicas: options.replicas ?? 3,
    ...(options.progressDeadlineSeconds ? { progressDeadlineSeconds: options.progressDeadlineSeconds } : {}),
  });
  return namespace;
}

export function webTarget(cluster: ClusterConnection, namespace: string): WorkloadTarget {
  return { cluster, namespace, workloadKind: "Deployment", workloadName: "web", containerName: "web" };
}

export function patchRequests(sandbox: SandboxCluster, namespace: string, name = "web") {
  return sandbox.requests.filter((r) => r.method === "PATCH" && r.path === `/apis/apps/v1/namespaces/${namespace}/deployments/${name}`);
}

/** The real kubectl, with its own discovery cache so runs never share state. */
export async function kubectlFor(kubeconfigPath: string) {
  const cacheDir = await mkdtemp(path.join(os.tmpdir(), "gantry-kubectl-cache-"));
  const binary = process.env.KUBECTL ?? "kubectl";
  return async (...args: string[]) => {
    try {
      const { stdout } = await run(binary, ["--kubeconfig", kubeconfigPath, ...args], {
        env: { ...process.env, KUBECACHEDIR: cacheDir, HOME: cacheDir },
        timeout: 60_000,
      });
      return stdout;
    } catch (error) {
      const e = error as { stderr?: string; stdout?: string; code?: number };
      throw new Error(`kubectl ${args.join(" ")} failed (${e.code}): ${e.stderr ?? ""}${e.stdout ?? ""}`);
    }
  };
}

/** A raw API request to the sandbox (what a script with curl would do), trusting its CA. */
export function sandboxRequest(
  sandbox: SandboxCluster,
  method: string,
  apiPath: string,
  body?: unknown,
  contentType = "application/json",
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw API JSON, asserted field by field
): Promise<{ status: number; body: any }> {
  const url = new URL(apiPath, sandbox.url);
  return new Promise((resolve, reject) => {
    const req = https.request(
      url,
      { method, ca: sandbox.caCert, headers: { authorization: `Bearer ${sandbox.token}`, "content-type": contentType } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined });
        });
      },
    );
    req.on("error", reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}
