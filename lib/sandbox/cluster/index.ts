/* eslint-disable @typescript-eslint/no-explicit-any -- the sandbox handles arbitrary client-sent Kubernetes JSON */
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { ClusterController, digestOf, type ImageBehaviour, type SimulationState } from "./controller";
import { writeKubeconfig } from "./kubeconfig";
import { createRequestHandler, type AccessGrant, type RequestRecord, type TokenGrant } from "./server";
import { ObjectStore, type StoreSnapshot } from "./store";
import { generateTls, issueClientCertificate, type SandboxTls } from "./tls";
import type { KubeObject } from "./types";

export type { AccessGrant, ImageBehaviour, RequestRecord, TokenGrant };
export { renderKubeconfig, writeKubeconfig, type KubeconfigEntry } from "./kubeconfig";

/**
 * A Kubernetes-API-compatible sandbox cluster for `npm run dev` and tests: HTTPS + JSON, bearer
 * tokens and client certificates, Deployments/ReplicaSets/Pods/Events/Namespaces with watch, and
 * a deployment controller that rolls pods out over time. Real clients (client-node, kubectl)
 * drive it through the kubeconfig it writes.
 */
export interface SandboxClusterOptions {
  /** Cluster/context/user name in the kubeconfig. Default "sandbox". */
  name?: string;
  /** Default: a free port. */
  port?: number;
  host?: string;
  /** Persist objects, TLS material, tokens and the kubeconfig here (survives restarts). Default: a temp dir, removed on stop. */
  dataDir?: string;
  /** Extra credentials. An admin token (all verbs, all namespaces) always exists and is returned as `token`. */
  tokens?: TokenGrant[];
  /** Controller step interval: one step ages pods (ready after one step) and advances rollouts. Default 1000 ms. */
  stepMs?: number;
  /** Multiplier on progressDeadlineSeconds. Default stepMs / 1000 (one deadline "second" per step). */
  timeScale?: number;
  /** Serve HTTPS with a generated CA (default true). Plain http needs insecure-skip-tls-verify in clients. */
  tls?: boolean;
}

export interface SeedDeployment {
  namespace: string;
  name: string;
  container: string;
  image: string;
  replicas?: number;
  labels?: Record<string, string>;
  progressDeadlineSeconds?: number;
  annotations?: Record<string, string>;
}

export interface SandboxCluster {
  name: string;
  url: string;
  kubeconfigPath: string;
  /** The admin bearer token. */
  token: string;
  /** PEM of the CA that signed the serving certificate (undefined when tls is false). */
  caCert: string | undefined;
  /** Mark an image digest (`sha256:…`, or any reference pinned by it) bad, slow, or healthy again. */
  markImage(digestOrRef: string, behaviour: ImageBehaviour): void;
  /** Create the namespace if needed and the Deployment (or replace its template), then settle its rollout. */
  seedDeployment(seed: SeedDeployment): Promise<void>;
  /** Like seedDeployment, but leaves an existing Deployment alone (dev restarts keep what was deployed). */
  ensureDeployment(seed: SeedDeployment): Promise<{ created: boolean }>;
  /** Add or replace a bearer token at runtime. */
  addToken(grant: TokenGrant): void;
  /** A client certificate (PEM) for `grant.user`, honoured with `grant`'s permissions. */
  issueClientCertificate(grant: AccessGrant): Promise<{ certificate: string; key: string }>;
  /** Every request served (bounded log), for tests that count calls. */
  requests: RequestRecord[];
  /** Run controller steps until every Deployment's rollout is finished (or `maxSteps`). */
  settle(maxSteps?: number): void;
  /** End every open watch stream, as an API server restart or a load balancer timeout would. */
  dropWatches(): void;
  /** Read an object straight from the store (tests, dev tooling). */
  getObject(resource: "deployments" | "replicasets" | "pods" | "namespaces", namespace: string | undefined, name: string): KubeObject | undefined;
  /** List objects straight from the store (all namespaces when `namespace` is undefined). */
  listObjects(resource: "deployments" | "replicasets" | "pods" | "namespaces", namespace?: string): KubeObject[];
  stop(): Promise<void>;
}

interface PersistedState {
  store: StoreSnapshot;
  simulation: SimulationState;
  adminToken: string;
  tokens: TokenGrant[];
  certificateUsers: AccessGrant[];
}

export async function startSandboxCluster(options: SandboxClusterOptions = {}): Promise<SandboxCluster> {
  const name = options.name ?? "sandbox";
  const stepMs = options.stepMs ?? 1000;
  const useTls = options.tls ?? true;
  const persistent = Boolean(options.dataDir);
  const dir = options.dataDir ? path.resolve(options.dataDir) : await mkdtemp(path.join(os.tmpdir(), "gantry-sandbox-"));
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const stateFile = path.join(dir, "state.json");

  const persisted = persistent
    ? ((await readFile(stateFile, "utf8").then(JSON.parse).catch(() => undefined)) as PersistedState | undefined)
    : undefined;
  const adminToken = persisted?.adminToken ?? randomBytes(24).toString("base64url");
  const tokens = new Map<string, TokenGrant>();
  tokens.set(adminToken, { token: adminToken, user: "sandbox-admin", admin: true });
  for (const grant of [...(persisted?.tokens ?? []), ...(options.tokens ?? [])]) tokens.set(grant.token, grant);
  const certificateUsers = new Map<string, AccessGrant>((persisted?.certificateUsers ?? []).map((g) => [g.user, g]));

  let tls: SandboxTls | undefined;
  if (useTls) {
    const tlsFile = path.join(dir, "tls.json");
    tls = (await readFile(tlsFile, "utf8").then(JSON.parse).catch(() => undefined)) as SandboxTls | undefined;
    if (!tls) {
      tls = await generateTls();
      await writeFile(tlsFile, JSON.stringify(tls), { mode: 0o600 });
    }
  }

  const store = new ObjectStore(persisted?.store);
  const simulation: SimulationState = persisted?.simulation ?? { podAge: {}, lastProgress: {}, images: {} };
  const controller = new ClusterController(store, simulation, { timeScale: options.timeScale ?? stepMs / 1000, nodeName: `${name}-node-1` });
  if (!store.get("namespaces", undefined, "default")) {
    for (const ns of ["default", "kube-system"]) {
      store.create("namespaces", {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name: ns, labels: { "kubernetes.io/metadata.name": ns } },
        spec: { finalizers: ["kubernetes"] },
        status: { phase: "Active" },
      });
    }
  }

  let saveTimer: NodeJS.Timeout | undefined;
  let saving: Promise<void> = Promise.resolve();
  const save = () => {
    if (!persistent) return Promise.resolve();
    const state: PersistedState = {
      store: store.snapshot(),
      simulation,
      adminToken,
      tokens: [...tokens.values()].filter((t) => t.token !== adminToken),
      certificateUsers: [...certificateUsers.values()],
    };
    saving = saving.then(async () => {
      const tmp = `${stateFile}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(state), { mode: 0o600 });
      await rename(tmp, stateFile);
    });
    return saving;
  };
  const scheduleSave = () => {
    if (!persistent || saveTimer) return;
    saveTimer = setTimeout(() => {
      saveTimer = undefined;
      void save().catch(() => undefined);
    }, 250);
  };
  store.listeners.push(scheduleSave);

  let kicked = false;
  const kick = () => {
    if (kicked) return;
    kicked = true;
    setImmediate(() => {
      kicked = false;
      controller.sync();
    });
  };

  const requests: RequestRecord[] = [];
  const openWatches = new Set<http.ServerResponse>();
  const markImage = (digestOrRef: string, behaviour: ImageBehaviour) => {
    const digest = digestOrRef.startsWith("sha256:") ? digestOrRef : digestOf(digestOrRef);
    if (!digest || !/^sha256:[a-f0-9]{64}$/.test(digest)) throw new Error(`not an image digest: ${digestOrRef}`);
    if ("healthy" in behaviour) delete simulation.images[digest];
    else simulation.images[digest] = behaviour;
    controller.imagesChanged();
    scheduleSave();
  };
  const handler = createRequestHandler({
    store,
    controller,
    tokens: () => tokens,
    certificateUsers: () => certificateUsers,
    requests,
    markImage,
    kick,
    openWatches,
  });
  const listener = (req: http.IncomingMessage, res: http.ServerResponse) => void handler(req, res);
  const server = tls
    ? https.createServer({ key: tls.serverKey, cert: tls.serverCert, ca: tls.caCert, requestCert: true, rejectUnauthorized: false }, listener)
    : http.createServer(listener);
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `${tls ? "https" : "http"}://${host === "0.0.0.0" ? "127.0.0.1" : host}:${port}`;
  const kubeconfigPath = await writeKubeconfig(path.join(dir, "kubeconfig"), [
    { name, server: url, token: adminToken, ...(tls ? { caCert: tls.caCert } : { insecureSkipTlsVerify: true }) },
  ]);

  controller.sync();
  const interval = setInterval(() => controller.step(), stepMs);
  interval.unref();

  const rolloutDone = (d: KubeObject) => {
    const status = (d.status ?? {}) as Record<string, any>;
    const desired = Number((d.spec as Record<string, any>)?.replicas ?? 1);
    return (
      (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0) &&
      (status.updatedReplicas ?? 0) === desired &&
      (status.replicas ?? 0) === desired &&
      (status.availableReplicas ?? 0) === desired
    );
  };

  const settle = (maxSteps = 100) => {
    controller.sync();
    for (let i = 0; i < maxSteps && !store.list("deployments").every(rolloutDone); i++) controller.step();
  };

  async function seedDeployment(seed: SeedDeployment) {
    if (!store.get("namespaces", undefined, seed.namespace)) {
      store.create("namespaces", {
        apiVersion: "v1",
        kind: "Namespace",
        metadata: { name: seed.namespace, labels: { "kubernetes.io/metadata.name": seed.namespace } },
        spec: { finalizers: ["kubernetes"] },
        status: { phase: "Active" },
      });
    }
    const labels = seed.labels ?? { app: seed.name };
    const container = {
      name: seed.container,
      image: seed.image,
      imagePullPolicy: "IfNotPresent",
      terminationMessagePath: "/dev/termination-log",
      terminationMessagePolicy: "File",
      resources: {},
    };
    const template = {
      metadata: { labels },
      spec: {
        containers: [container],
        restartPolicy: "Always",
        terminationGracePeriodSeconds: 30,
        dnsPolicy: "ClusterFirst",
        securityContext: {},
        schedulerName: "default-scheduler",
      },
    };
    const existing = store.get("deployments", seed.namespace, seed.name);
    if (existing) {
      store.update("deployments", { ...existing, spec: { ...existing.spec, replicas: seed.replicas ?? 1, template } });
    } else {
      store.create("deployments", {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: {
          name: seed.name,
          namespace: seed.namespace,
          labels,
          ...(seed.annotations ? { annotations: seed.annotations } : {}),
        },
        spec: {
          replicas: seed.replicas ?? 1,
          selector: { matchLabels: labels },
          template,
          strategy: { type: "RollingUpdate", rollingUpdate: { maxUnavailable: "25%", maxSurge: "25%" } },
          revisionHistoryLimit: 10,
          progressDeadlineSeconds: seed.progressDeadlineSeconds ?? 600,
        },
      });
    }
    settle();
  }

  let stopped = false;
  return {
    name,
    url,
    kubeconfigPath,
    token: adminToken,
    caCert: tls?.caCert,
    markImage,
    requests,
    addToken(grant) {
      tokens.set(grant.token, grant);
      scheduleSave();
    },
    async issueClientCertificate(grant) {
      if (!tls) throw new Error("client certificates need the sandbox to run with tls");
      certificateUsers.set(grant.user, grant);
      scheduleSave();
      return issueClientCertificate(tls, grant.user);
    },
    seedDeployment,
    async ensureDeployment(seed) {
      if (store.get("deployments", seed.namespace, seed.name)) return { created: false };
      await seedDeployment(seed);
      return { created: true };
    },
    settle,
    dropWatches() {
      for (const res of openWatches) res.destroy();
    },
    getObject: (resource, namespace, objectName) => store.get(resource, namespace, objectName),
    listObjects: (resource, namespace) => store.list(resource, namespace),
    async stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(interval);
      if (saveTimer) clearTimeout(saveTimer);
      for (const res of openWatches) res.end();
      server.closeAllConnections?.();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await save().catch(() => undefined);
      await saving.catch(() => undefined);
      if (!persistent) await rm(dir, { recursive: true, force: true });
    },
  };
}
