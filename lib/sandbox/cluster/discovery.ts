import { resources, type ResourceInfo } from "./types";

/** Legacy discovery documents (kubectl falls back to them when aggregated discovery is not served). */
export const serverVersion = {
  major: "1",
  minor: "32",
  gitVersion: "v1.32.0-gantry-sandbox",
  gitCommit: "0000000000000000000000000000000000000000",
  gitTreeState: "clean",
  buildDate: "2025-01-01T00:00:00Z",
  goVersion: "go1.23.4",
  compiler: "gc",
  platform: "linux/amd64",
};

const verbs = ["create", "delete", "get", "list", "patch", "update", "watch"];

function resourceEntry(info: ResourceInfo) {
  return {
    name: info.name,
    singularName: info.singular,
    namespaced: info.namespaced,
    kind: info.kind,
    verbs,
    ...(info.shortNames.length ? { shortNames: info.shortNames } : {}),
    ...(info.name === "deployments" || info.name === "replicasets" || info.name === "pods" ? { categories: ["all"] } : {}),
  };
}

function statusEntry(info: ResourceInfo) {
  return { name: `${info.name}/status`, singularName: "", namespaced: info.namespaced, kind: info.kind, verbs: ["get"] };
}

export function apiVersions(serverAddress: string) {
  return {
    kind: "APIVersions",
    versions: ["v1"],
    serverAddressByClientCIDRs: [{ clientCIDR: "0.0.0.0/0", serverAddress }],
  };
}

export function coreResourceList() {
  return {
    kind: "APIResourceList",
    groupVersion: "v1",
    resources: [
      resourceEntry(resources.events),
      resourceEntry(resources.namespaces),
      resourceEntry(resources.pods),
      statusEntry(resources.pods),
    ],
  };
}

const appsGroup = {
  name: "apps",
  versions: [{ groupVersion: "apps/v1", version: "v1" }],
  preferredVersion: { groupVersion: "apps/v1", version: "v1" },
};
const authorizationGroup = {
  name: "authorization.k8s.io",
  versions: [{ groupVersion: "authorization.k8s.io/v1", version: "v1" }],
  preferredVersion: { groupVersion: "authorization.k8s.io/v1", version: "v1" },
};

export function apiGroupList() {
  return { kind: "APIGroupList", apiVersion: "v1", groups: [appsGroup, authorizationGroup] };
}

export function apiGroup(name: string) {
  const group = name === "apps" ? appsGroup : name === "authorization.k8s.io" ? authorizationGroup : undefined;
  return group ? { kind: "APIGroup", apiVersion: "v1", ...group } : undefined;
}

export function appsResourceList() {
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: "apps/v1",
    resources: [
      resourceEntry(resources.deployments),
      statusEntry(resources.deployments),
      resourceEntry(resources.replicasets),
      statusEntry(resources.replicasets),
    ],
  };
}

export function authorizationResourceList() {
  return {
    kind: "APIResourceList",
    apiVersion: "v1",
    groupVersion: "authorization.k8s.io/v1",
    resources: [{ name: "selfsubjectaccessreviews", singularName: "selfsubjectaccessreview", namespaced: false, kind: "SelfSubjectAccessReview", verbs: ["create"] }],
  };
}
