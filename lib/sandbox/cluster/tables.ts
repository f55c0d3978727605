/* eslint-disable @typescript-eslint/no-explicit-any -- the sandbox handles arbitrary client-sent Kubernetes JSON */
import type { KubeObject, ResourceName } from "./types";

/**
 * Server-side printing (`Accept: application/json;as=Table;g=meta.k8s.io;v=v1`): kubectl asks the
 * server for the columns of `kubectl get`; without it kubectl prints only NAME and AGE.
 */
type Spec = Record<string, any>;
type Column = { name: string; type: string; format?: string; priority?: number; cell: (o: Spec) => unknown };

function age(timestamp: string | undefined) {
  if (!timestamp) return "<unknown>";
  const seconds = Math.max(0, Math.floor((Date.now() - Date.parse(timestamp)) / 1000));
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}h`;
  return `${Math.floor(hours / 24)}d`;
}

const name: Column = { name: "Name", type: "string", format: "name", cell: (o) => o.metadata.name };
const ageColumn: Column = { name: "Age", type: "string", cell: (o) => age(o.metadata.creationTimestamp) };
const containers = (o: Spec) => (o.spec?.template?.spec?.containers ?? o.spec?.containers ?? []) as Spec[];
const selector = (o: Spec) =>
  Object.entries(o.spec?.selector?.matchLabels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(",");

const columns: Record<ResourceName, Column[]> = {
  namespaces: [name, { name: "Status", type: "string", cell: (o) => o.status?.phase ?? "Active" }, ageColumn],
  deployments: [
    name,
    { name: "Ready", type: "string", cell: (o) => `${o.status?.readyReplicas ?? 0}/${o.spec?.replicas ?? 1}` },
    { name: "Up-to-date", type: "integer", cell: (o) => o.status?.updatedReplicas ?? 0 },
    { name: "Available", type: "integer", cell: (o) => o.status?.availableReplicas ?? 0 },
    ageColumn,
    { name: "Containers", type: "string", priority: 1, cell: (o) => containers(o).map((c) => c.name).join(",") },
    { name: "Images", type: "string", priority: 1, cell: (o) => containers(o).map((c) => c.image).join(",") },
    { name: "Selector", type: "string", priority: 1, cell: selector },
  ],
  replicasets: [
    name,
    { name: "Desired", type: "integer", cell: (o) => o.spec?.replicas ?? 1 },
    { name: "Current", type: "integer", cell: (o) => o.status?.replicas ?? 0 },
    { name: "Ready", type: "integer", cell: (o) => o.status?.readyReplicas ?? 0 },
    ageColumn,
    { name: "Containers", type: "string", priority: 1, cell: (o) => containers(o).map((c) => c.name).join(",") },
    { name: "Images", type: "string", priority: 1, cell: (o) => containers(o).map((c) => c.image).join(",") },
    { name: "Selector", type: "string", priority: 1, cell: selector },
  ],
  pods: [
    name,
    {
      name: "Ready",
      type: "string",
      cell: (o) => `${(o.status?.containerStatuses ?? []).filter((c: Spec) => c.ready).length}/${(o.spec?.containers ?? []).length}`,
    },
    {
      name: "Status",
      type: "string",
      cell: (o) =>
        (o.status?.containerStatuses ?? []).map((c: Spec) => c.state?.waiting?.reason).find(Boolean) ?? o.status?.phase ?? "Pending",
    },
    {
      name: "Restarts",
      type: "string",
      cell: (o) => (o.status?.containerStatuses ?? []).reduce((sum: number, c: Spec) => sum + (c.restartCount ?? 0), 0),
    },
    ageColumn,
    { name: "IP", type: "string", priority: 1, cell: (o) => o.status?.podIP ?? "<none>" },
    { name: "Node", type: "string", priority: 1, cell: (o) => o.spec?.nodeName ?? "<none>" },
  ],
  events: [
    { name: "Last Seen", type: "string", cell: (o) => age(o.lastTimestamp) },
    { name: "Type", type: "string", cell: (o) => o.type },
    { name: "Reason", type: "string", cell: (o) => o.reason },
    { name: "Object", type: "string", cell: (o) => `${String(o.involvedObject?.kind ?? "").toLowerCase()}/${o.involvedObject?.name}` },
    { name: "Message", type: "string", cell: (o) => o.message },
  ],
};

export function wantsTable(accept: string | undefined) {
  return Boolean(accept && /as=Table/.test(accept) && /g=meta\.k8s\.io/.test(accept));
}

export function toTable(resource: ResourceName, objects: KubeObject[], resourceVersion: string, includeObject: string | null) {
  const defs = columns[resource];
  return {
    kind: "Table",
    apiVersion: "meta.k8s.io/v1",
    metadata: { resourceVersion },
    columnDefinitions: defs.map((c) => ({
      name: c.name,
      type: c.type,
      format: c.format ?? "",
      description: "",
      priority: c.priority ?? 0,
    })),
    rows: objects.map((o) => ({
      cells: defs.map((c) => c.cell(o as Spec)),
      object:
        includeObject === "None"
          ? undefined
          : includeObject === "Object"
            ? o
            : { kind: "PartialObjectMetadata", apiVersion: "meta.k8s.io/v1", metadata: o.metadata },
    })),
  };
}
