import { execFile } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { loadAllYaml } from "@kubernetes/client-node";
import { describe, expect, it } from "vitest";
import { envSchema } from "@/lib/env";

/**
 * The production manifests, rendered the way an operator would (kubectl kustomize; helm template
 * when helm is installed), checked for what matters: probes, hardening, least-privilege RBAC,
 * secrets only by reference, the migration, replicas.
 */
const run = promisify(execFile);
const ROOT = path.resolve(import.meta.dirname, "../..");
const KUSTOMIZE_BASE = path.join(ROOT, "deploy/kustomize/base");
const CHART = path.join(ROOT, "deploy/helm/gantry");
const SENSITIVE = ["DATABASE_URL", "NEXTAUTH_SECRET", "GANTRY_ENCRYPTION_KEY", "OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "GANTRY_METRICS_TOKEN"];

const RULES = [
  { apiGroups: ["apps"], resources: ["deployments", "replicasets"], verbs: ["get", "list", "watch", "patch"] },
  { apiGroups: [""], resources: ["pods", "events"], verbs: ["list", "watch"] },
];
const CONTAINER_SECURITY = {
  runAsNonRoot: true,
  runAsUser: 1001,
  readOnlyRootFilesystem: true,
  allowPrivilegeEscalation: false,
  capabilities: { drop: ["ALL"] },
  seccompProfile: { type: "RuntimeDefault" },
};

/* eslint-disable @typescript-eslint/no-explicit-any -- rendered manifests are untyped YAML */
type Manifest = any;

async function which(command: string) {
  return run("sh", ["-c", `command -v ${command}`]).then(
    () => true,
    () => false,
  );
}

const byKind = (docs: Manifest[], kind: string) => docs.filter((d) => d?.kind === kind);
const workload = (docs: Manifest[], component: string) => {
  const found = docs.find((d) => (d.kind === "Deployment" || d.kind === "Job") && d.spec.template.metadata.labels["app.kubernetes.io/component"] === component);
  expect(found, `no workload for component ${component}`).toBeDefined();
  return found;
};
const containersOf = (doc: Manifest): Manifest[] => [...(doc.spec.template.spec.initContainers ?? []), ...doc.spec.template.spec.containers];

function assertManifests(docs: Manifest[], expected: { webReplicas: number; workerReplicas: number; workerMetricsPort: number; rbacNamespaces?: string[] }) {
  const web = workload(docs, "web");
  const worker = workload(docs, "worker");
  const migrate = workload(docs, "migrate");
  expect(web.kind).toBe("Deployment");
  expect(worker.kind).toBe("Deployment");
  expect(migrate.kind).toBe("Job");

  // Replicas.
  expect(web.spec.replicas).toBe(expected.webReplicas);
  expect(worker.spec.replicas).toBe(expected.workerReplicas);

  // Commands: the standalone server, the worker, the migration.
  const [webContainer] = web.spec.template.spec.containers;
  expect(webContainer.command).toEqual(["node", "server.js"]);
  expect(worker.spec.template.spec.containers[0].command).toEqual(["npm", "run", "worker"]);
  expect(migrate.spec.template.spec.containers[0].command).toEqual(["npm", "run", "db:migrate"]);
  expect(migrate.spec.template.spec.restartPolicy).toBe("Never");

  // Probes.
  expect(webContainer.livenessProbe.httpGet.path).toBe("/api/health");
  expect(webContainer.readinessProbe.httpGet.path).toBe("/api/ready");
  expect(webContainer.ports.map((p: Manifest) => p.containerPort)).toContain(3000);

  // The worker's own listener (GANTRY_WORKER_METRICS_PORT): its port, probes on it, scrape annotations.
  const workerContainer = worker.spec.template.spec.containers[0];
  const workerVars = new Map<string, Manifest>(workerContainer.env.map((v: Manifest) => [v.name, v]));
  expect(Object.keys(envSchema.shape)).toContain("GANTRY_WORKER_METRICS_PORT");
  expect(workerContainer.ports).toEqual([{ name: "metrics", containerPort: expected.workerMetricsPort }]);
  expect(workerVars.get("GANTRY_WORKER_METRICS_PORT")?.value).toBe(String(expected.workerMetricsPort));
  expect(workerContainer.livenessProbe.httpGet).toEqual({ path: "/health", port: "metrics" });
  expect(workerContainer.readinessProbe.httpGet).toEqual({ path: "/ready", port: "metrics" });
  expect(worker.spec.template.metadata.annotations).toEqual({
    "prometheus.io/scrape": "true",
    "prometheus.io/port": String(expected.workerMetricsPort),
    "prometheus.io/path": "/metrics",
  });
  expect(web.spec.template.metadata.annotations).toEqual({ "prometheus.io/scrape": "true", "prometheus.io/port": "3000", "prometheus.io/path": "/api/metrics" });
  // Both apply the same scrape token rule, so both get the (optional) token.
  for (const [where, variable] of [
    ["web", webContainer.env.find((v: Manifest) => v.name === "GANTRY_METRICS_TOKEN")],
    ["worker", workerVars.get("GANTRY_METRICS_TOKEN")],
  ]) {
    expect(variable?.valueFrom?.secretKeyRef?.optional, `${where} GANTRY_METRICS_TOKEN is an optional secret`).toBe(true);
  }

  // Hardening on every pod and container.
  for (const doc of [web, worker, migrate]) {
    const pod = doc.spec.template.spec;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1001, seccompProfile: { type: "RuntimeDefault" } });
    const emptyDirs = new Set(pod.volumes.filter((v: Manifest) => v.emptyDir).map((v: Manifest) => v.name));
    for (const container of containersOf(doc)) {
      const where = `${doc.metadata.name}/${container.name}`;
      expect(container.securityContext, where).toMatchObject(CONTAINER_SECURITY);
      expect(container.securityContext.capabilities.add ?? [], where).toEqual([]);
      expect(container.securityContext.privileged ?? false, where).toBe(false);
      expect(container.resources?.requests?.memory, where).toBeTruthy();
      expect(container.resources?.limits?.memory, where).toBeTruthy();
      // A read-only root needs writable scratch space.
      const tmp = container.volumeMounts.find((m: Manifest) => m.mountPath === "/tmp");
      expect(tmp && emptyDirs.has(tmp.name), `${where}: /tmp emptyDir`).toBe(true);
    }
  }
  const cache = webContainer.volumeMounts.find((m: Manifest) => m.mountPath === "/app/.next/cache");
  expect(cache && web.spec.template.spec.volumes.some((v: Manifest) => v.name === cache.name && v.emptyDir), "web: .next/cache emptyDir").toBe(true);

  // Secrets by reference only, never literal values; NEXTAUTH_URL is plain configuration.
  for (const doc of [web, worker, migrate]) {
    for (const container of containersOf(doc)) {
      for (const variable of container.env ?? []) {
        if (SENSITIVE.includes(variable.name)) {
          expect(variable.value, `${doc.metadata.name}: ${variable.name} must not be literal`).toBeUndefined();
          expect(variable.valueFrom?.secretKeyRef?.key, `${doc.metadata.name}: ${variable.name}`).toBe(variable.name);
        }
      }
    }
  }
  const webEnv = new Map<string, Manifest>(webContainer.env.map((v: Manifest) => [v.name, v]));
  for (const name of ["DATABASE_URL", "NEXTAUTH_SECRET", "GANTRY_ENCRYPTION_KEY"]) {
    expect(webEnv.get(name)?.valueFrom?.secretKeyRef?.optional ?? false, `web ${name} is required`).toBe(false);
  }
  for (const name of ["OIDC_ISSUER", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET"]) {
    expect(webEnv.get(name)?.valueFrom?.secretKeyRef?.optional, `web ${name} is an optional secret`).toBe(true);
  }
  const workerEnv = new Set(worker.spec.template.spec.containers[0].env.map((v: Manifest) => v.name));
  for (const name of ["DATABASE_URL", "NEXTAUTH_SECRET", "GANTRY_ENCRYPTION_KEY"]) expect(workerEnv.has(name), `worker ${name}`).toBe(true);
  expect(migrate.spec.template.spec.containers[0].env.map((v: Manifest) => v.name)).toContain("DATABASE_URL");
  expect(byKind(docs, "Secret"), "the manifests must not carry secret values").toEqual([]);
  for (const configMap of byKind(docs, "ConfigMap")) {
    for (const key of Object.keys(configMap.data ?? {})) expect(SENSITIVE, `ConfigMap key ${key}`).not.toContain(key);
  }

  // RBAC: exactly these rules, no wildcards, nothing on secrets.
  const roles = [...byKind(docs, "Role"), ...byKind(docs, "ClusterRole")];
  expect(roles.length).toBeGreaterThan(0);
  for (const role of roles) {
    expect(role.rules).toEqual(RULES);
    const flat = JSON.stringify(role.rules);
    expect(flat).not.toContain("*");
    expect(flat).not.toContain("secrets");
  }
  if (expected.rbacNamespaces) {
    expect(byKind(docs, "Role").map((r) => r.metadata.namespace).sort()).toEqual([...expected.rbacNamespaces].sort());
  }
  const serviceAccount = byKind(docs, "ServiceAccount")[0];
  expect(serviceAccount).toBeDefined();
  for (const binding of [...byKind(docs, "RoleBinding"), ...byKind(docs, "ClusterRoleBinding")]) {
    expect(binding.subjects).toEqual([expect.objectContaining({ kind: "ServiceAccount", name: serviceAccount.metadata.name })]);
    expect(roles.some((r) => r.kind === binding.roleRef.kind && r.metadata.name === binding.roleRef.name)).toBe(true);
  }
  expect(web.spec.template.spec.serviceAccountName).toBe(serviceAccount.metadata.name);
  expect(worker.spec.template.spec.serviceAccountName).toBe(serviceAccount.metadata.name);
  // The migration needs no Kubernetes API access.
  expect(migrate.spec.template.spec.automountServiceAccountToken).toBe(false);

  // The Service reaches the web pods.
  const [service] = byKind(docs, "Service");
  for (const [key, value] of Object.entries(service.spec.selector)) expect(web.spec.template.metadata.labels[key]).toBe(value);
  expect(service.spec.ports[0].targetPort).toBe("http");
}

describe("kustomize base", () => {
  it("renders and passes every production check", async () => {
    const { stdout } = await run("kubectl", ["kustomize", KUSTOMIZE_BASE], { maxBuffer: 10_000_000 });
    const docs = loadAllYaml(stdout).filter(Boolean);
    assertManifests(docs, { webReplicas: 2, workerReplicas: 1, workerMetricsPort: 9464 });
    // Kustomize has no hooks: the migration is a plain Job.
    expect(workload(docs, "migrate").metadata.annotations?.["helm.sh/hook"]).toBeUndefined();
  });
});

describe("helm chart", () => {
  const values = () => loadAllYaml(readFileSync(path.join(CHART, "values.yaml"), "utf8"))[0];

  it("has a Chart.yaml and values.yaml that parse", () => {
    const [chart] = loadAllYaml(readFileSync(path.join(CHART, "Chart.yaml"), "utf8"));
    expect(chart).toMatchObject({ apiVersion: "v2", name: "gantry", type: "application" });
    expect(chart.version).toMatch(/^\d+\.\d+\.\d+/);
    const v = values();
    expect(v.web.replicas).toBeGreaterThan(0);
    expect(v.worker.replicas).toBeGreaterThan(0);
    expect(v.web.resources.limits.memory).toBeTruthy();
    expect(v.rbac).toMatchObject({ create: true, clusterWide: false });
    expect(v.worker.metricsPort).toBe(9464);
    expect(v.metrics).toMatchObject({ podAnnotations: true, podMonitor: { enabled: false } });
  });

  it("references only values that values.yaml defines, with balanced template actions", () => {
    const v = values();
    const templates = readdirSync(path.join(CHART, "templates"));
    expect(templates).toEqual(expect.arrayContaining(["web-deployment.yaml", "worker-deployment.yaml", "migrate-job.yaml", "rbac.yaml", "service.yaml", "ingress.yaml"]));
    const missing: string[] = [];
    for (const file of templates) {
      const text = readFileSync(path.join(CHART, "templates", file), "utf8");
      expect(text.split("{{").length, `${file}: unbalanced {{ }}`).toBe(text.split("}}").length);
      for (const [, ref] of text.matchAll(/\.Values\.([A-Za-z0-9_.]+)/g)) {
        let node: unknown = v;
        for (const key of ref!.split(".")) node = node && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
        if (node === undefined) missing.push(`${file}: .Values.${ref}`);
      }
    }
    expect(missing).toEqual([]);
    const job = readFileSync(path.join(CHART, "templates/migrate-job.yaml"), "utf8");
    expect(job).toContain('"helm.sh/hook": pre-install,pre-upgrade');
    expect(job).toMatch(/"helm.sh\/hook-weight": "-?\d+"/);
    expect(job).toContain('"helm.sh/hook-delete-policy": before-hook-creation,hook-succeeded');
  });

  it("defines the same RBAC rules and container hardening as the kustomize base (pure-YAML helpers)", () => {
    const helpers = readFileSync(path.join(CHART, "templates/_helpers.tpl"), "utf8");
    const define = (name: string) => {
      const body = new RegExp(`define "${name.replace(".", "\\.")}" -\\}\\}\\n([\\s\\S]*?)\\{\\{- end -\\}\\}`).exec(helpers)?.[1];
      expect(body, name).toBeDefined();
      return loadAllYaml(body!)[0];
    };
    expect(define("gantry.rbacRules")).toEqual(RULES);
    expect(define("gantry.containerSecurityContext")).toEqual(CONTAINER_SECURITY);
  });

  it("renders with helm template and passes every production check", async (ctx) => {
    if (!(await which("helm"))) {
      ctx.skip("helm is not installed: the chart's templates are not rendered (Chart.yaml, values.yaml and template references are still checked above)");
      return;
    }
    const { stdout } = await run(
      "helm",
      [
        "template",
        "gantry",
        CHART,
        "--namespace",
        "gantry",
        "--set",
        "web.replicas=3",
        "--set",
        "worker.replicas=2",
        "--set",
        "worker.metricsPort=9100",
        "--set",
        "rbac.targetNamespaces={apps,payments}",
        "--set",
        "ingress.enabled=true",
        "--set",
        "metrics.podMonitor.enabled=true",
      ],
      { maxBuffer: 10_000_000 },
    );
    const docs = loadAllYaml(stdout).filter(Boolean);
    assertManifests(docs, { webReplicas: 3, workerReplicas: 2, workerMetricsPort: 9100, rbacNamespaces: ["apps", "payments"] });
    const [monitor] = byKind(docs, "PodMonitor");
    const bearer = { type: "Bearer", credentials: { name: "gantry", key: "GANTRY_METRICS_TOKEN" } };
    expect(monitor.spec.podMetricsEndpoints).toEqual([
      expect.objectContaining({ port: "http", path: "/api/metrics", authorization: bearer }),
      expect.objectContaining({ port: "metrics", path: "/metrics", authorization: bearer }),
    ]);
    expect(byKind(docs, "ClusterRole")).toEqual([]);
    expect(byKind(docs, "Ingress")).toHaveLength(1);
    expect(workload(docs, "migrate").metadata.annotations["helm.sh/hook"]).toBe("pre-install,pre-upgrade");
  });
});
