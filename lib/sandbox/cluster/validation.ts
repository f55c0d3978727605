/* eslint-disable @typescript-eslint/no-explicit-any -- the sandbox handles arbitrary client-sent Kubernetes JSON */
import { statusErrors } from "./status";
import { resources, type KubeObject, type ResourceName } from "./types";

type Spec = Record<string, any>;

const dns1123Subdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const dns1123Label = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** The API server's defaulting: stored objects carry the defaults, so template hashes are stable. */
export function applyDefaults(resource: ResourceName, object: KubeObject) {
  const spec = (object.spec ??= {}) as Spec;
  if (resource === "namespaces") {
    object.metadata.labels = { ...(object.metadata.labels ?? {}), "kubernetes.io/metadata.name": object.metadata.name };
    object.spec = { finalizers: ["kubernetes"], ...spec };
    object.status = { phase: "Active" };
    return;
  }
  if (resource === "deployments") {
    spec.replicas ??= 1;
    spec.revisionHistoryLimit ??= 10;
    spec.progressDeadlineSeconds ??= 600;
    spec.strategy ??= { type: "RollingUpdate" };
    if ((spec.strategy.type ?? "RollingUpdate") === "RollingUpdate") {
      spec.strategy.type = "RollingUpdate";
      spec.strategy.rollingUpdate = { maxUnavailable: "25%", maxSurge: "25%", ...(spec.strategy.rollingUpdate ?? {}) };
    }
  }
  if (resource === "deployments" || resource === "replicasets") {
    spec.replicas ??= 1;
    if (spec.template?.spec) defaultPodSpec(spec.template.spec);
  }
  if (resource === "pods") defaultPodSpec(spec);
}

function defaultPodSpec(spec: Spec) {
  spec.restartPolicy ??= "Always";
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= "ClusterFirst";
  spec.securityContext ??= {};
  spec.schedulerName ??= "default-scheduler";
  for (const c of (spec.containers ?? []) as Spec[]) {
    const tagged = typeof c.image === "string" && (c.image.includes("@") || /:[^/]+$/.test(c.image));
    const latest = typeof c.image === "string" && !c.image.includes("@") && (!tagged || c.image.endsWith(":latest"));
    c.imagePullPolicy ??= latest ? "Always" : "IfNotPresent";
    c.terminationMessagePath ??= "/dev/termination-log";
    c.terminationMessagePolicy ??= "File";
    c.resources ??= {};
  }
}

export function validate(resource: ResourceName, object: KubeObject) {
  const info = resources[resource];
  const name = object.metadata?.name ?? "";
  const causes: { field: string; message: string }[] = [];
  if (!name) causes.push({ field: "metadata.name", message: "Required value: name or generateName is required" });
  else if (!(resource === "namespaces" ? dns1123Label : dns1123Subdomain).test(name) || name.length > 253) {
    causes.push({ field: "metadata.name", message: `Invalid value: "${name}": a lowercase RFC 1123 name must consist of lower case alphanumeric characters, '-' or '.'` });
  }
  const spec = (object.spec ?? {}) as Spec;
  const checkPod = (pod: Spec | undefined, prefix: string) => {
    const containers = (pod?.containers ?? []) as Spec[];
    if (containers.length === 0) causes.push({ field: `${prefix}.containers`, message: "Required value" });
    const names = new Set<string>();
    containers.forEach((c, i) => {
      if (!c.name) causes.push({ field: `${prefix}.containers[${i}].name`, message: "Required value" });
      else if (names.has(c.name)) causes.push({ field: `${prefix}.containers[${i}].name`, message: `Duplicate value: "${c.name}"` });
      names.add(c.name);
      if (!c.image || typeof c.image !== "string") causes.push({ field: `${prefix}.containers[${i}].image`, message: "Required value" });
    });
  };
  if (resource === "deployments" || resource === "replicasets") {
    if (typeof spec.replicas !== "number" || spec.replicas < 0 || !Number.isInteger(spec.replicas)) {
      causes.push({ field: "spec.replicas", message: "Invalid value: must be greater than or equal to 0" });
    }
    const matchLabels = spec.selector?.matchLabels as Record<string, string> | undefined;
    if (!matchLabels || Object.keys(matchLabels).length === 0) causes.push({ field: "spec.selector", message: "Required value" });
    const labels = (spec.template?.metadata?.labels ?? {}) as Record<string, string>;
    if (matchLabels && Object.entries(matchLabels).some(([k, v]) => labels[k] !== v)) {
      causes.push({ field: "spec.template.metadata.labels", message: "Invalid value: `selector` does not match template `labels`" });
    }
    checkPod(spec.template?.spec, "spec.template.spec");
  }
  if (resource === "pods") checkPod(spec, "spec");
  if (causes.length) throw statusErrors.invalid(info, name, causes);
}
