/* eslint-disable @typescript-eslint/no-explicit-any -- the sandbox handles arbitrary client-sent Kubernetes JSON */
/** Loose shapes of the Kubernetes objects the sandbox stores (it stores what clients send, plus defaults). */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid: string;
  resourceVersion: string;
  generation?: number;
  creationTimestamp: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  generateName?: string;
  [key: string]: unknown;
}

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  // `any` so callers can read nested fields (spec.template.spec.containers) without casts.
  spec?: Record<string, any>;
  status?: Record<string, any>;
  [key: string]: unknown;
}

/** An object as a client submits it: the server assigns uid, resourceVersion, creationTimestamp. */
export type NewObject = Omit<KubeObject, "metadata"> & { metadata: Partial<ObjectMeta> & { name: string } };

export type ResourceName = "namespaces" | "deployments" | "replicasets" | "pods" | "events";

export interface ResourceInfo {
  name: ResourceName;
  group: "" | "apps";
  version: "v1";
  kind: string;
  namespaced: boolean;
  shortNames: string[];
  singular: string;
}

export const resources: Record<ResourceName, ResourceInfo> = {
  namespaces: { name: "namespaces", group: "", version: "v1", kind: "Namespace", namespaced: false, shortNames: ["ns"], singular: "namespace" },
  pods: { name: "pods", group: "", version: "v1", kind: "Pod", namespaced: true, shortNames: ["po"], singular: "pod" },
  events: { name: "events", group: "", version: "v1", kind: "Event", namespaced: true, shortNames: ["ev"], singular: "event" },
  deployments: { name: "deployments", group: "apps", version: "v1", kind: "Deployment", namespaced: true, shortNames: ["deploy"], singular: "deployment" },
  replicasets: { name: "replicasets", group: "apps", version: "v1", kind: "ReplicaSet", namespaced: true, shortNames: ["rs"], singular: "replicaset" },
};

export function qualifiedResource(info: ResourceInfo) {
  return info.group ? `${info.name}.${info.group}` : info.name;
}

export function apiVersionOf(info: ResourceInfo) {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

export type WatchEventType = "ADDED" | "MODIFIED" | "DELETED";
