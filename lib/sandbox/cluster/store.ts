import { randomUUID } from "node:crypto";
import { StatusError, statusErrors } from "./status";
import { resources, type KubeObject, type NewObject, type ResourceName, type WatchEventType } from "./types";

export interface StoredEvent {
  resourceVersion: number;
  resource: ResourceName;
  type: WatchEventType;
  object: KubeObject;
}

export interface Watcher {
  resource: ResourceName;
  namespace?: string;
  send(event: StoredEvent): void;
}

export interface StoreSnapshot {
  resourceVersion: number;
  objects: Partial<Record<ResourceName, KubeObject[]>>;
}

/** How many past changes a watch can resume from before it gets 410 Gone (etcd compaction). */
const HISTORY = 5000;

const keyOf = (namespace: string | undefined, name: string) => `${namespace ?? ""}/${name}`;
const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * The sandbox's etcd: objects by resource and namespace, one cluster-wide resourceVersion
 * counter, a bounded change log that watches resume from, and the live watchers. Stored objects
 * are deeply frozen and handed out as they are (no copies: the controller reads them constantly);
 * a caller that wants to change one builds a new object and writes it back.
 */
export class ObjectStore {
  private revision = 1;
  /** resource → namespace ("" for cluster-scoped) → name → object */
  private readonly objects = new Map<ResourceName, Map<string, Map<string, KubeObject>>>();
  private readonly history: StoredEvent[] = [];
  private readonly watchers = new Set<Watcher>();
  /** Called after every write (persistence, controller bookkeeping). */
  readonly listeners: ((event: StoredEvent) => void)[] = [];

  constructor(snapshot?: StoreSnapshot) {
    for (const name of Object.keys(resources) as ResourceName[]) this.objects.set(name, new Map());
    if (snapshot) {
      this.revision = snapshot.resourceVersion;
      for (const [resource, list] of Object.entries(snapshot.objects) as [ResourceName, KubeObject[]][]) {
        for (const object of list) this.bucket(resource, object.metadata.namespace).set(object.metadata.name, deepFreeze(object));
      }
    }
  }

  private bucket(resource: ResourceName, namespace: string | undefined) {
    const byNamespace = this.objects.get(resource)!;
    let bucket = byNamespace.get(namespace ?? "");
    if (!bucket) {
      bucket = new Map();
      byNamespace.set(namespace ?? "", bucket);
    }
    return bucket;
  }

  get resourceVersion() {
    return this.revision;
  }

  /** Oldest resourceVersion a watch may resume from. */
  get oldestResumable() {
    return this.history[0] ? this.history[0].resourceVersion - 1 : this.revision;
  }

  snapshot(): StoreSnapshot {
    const objects: StoreSnapshot["objects"] = {};
    for (const resource of this.objects.keys()) objects[resource] = this.list(resource);
    return structuredClone({ resourceVersion: this.revision, objects });
  }

  get(resource: ResourceName, namespace: string | undefined, name: string): KubeObject | undefined {
    return this.objects.get(resource)?.get(namespace ?? "")?.get(name);
  }

  mustGet(resource: ResourceName, namespace: string | undefined, name: string): KubeObject {
    const found = this.get(resource, namespace, name);
    if (!found) throw statusErrors.notFound(resources[resource], name);
    return found;
  }

  list(resource: ResourceName, namespace?: string): KubeObject[] {
    const byNamespace = this.objects.get(resource)!;
    const buckets = namespace === undefined ? [...byNamespace.values()] : [byNamespace.get(namespace) ?? new Map<string, KubeObject>()];
    const all = buckets.flatMap((bucket) => [...bucket.values()]);
    return all.sort((a, b) => keyOf(a.metadata.namespace, a.metadata.name).localeCompare(keyOf(b.metadata.namespace, b.metadata.name)));
  }

  create(resource: ResourceName, object: NewObject | KubeObject): KubeObject {
    const info = resources[resource];
    const meta = object.metadata;
    if (!meta.name && meta.generateName) meta.name = meta.generateName + randomUUID().replace(/-/g, "").slice(0, 5);
    if (info.namespaced && meta.namespace && !this.get("namespaces", undefined, meta.namespace)) {
      throw statusErrors.namespaceNotFound(meta.namespace);
    }
    const map = this.bucket(resource, meta.namespace);
    if (map.has(meta.name)) throw statusErrors.alreadyExists(info, meta.name);
    const stored = structuredClone({
      ...object,
      apiVersion: info.group ? `${info.group}/${info.version}` : info.version,
      kind: info.kind,
      metadata: {
        ...meta,
        uid: randomUUID(),
        creationTimestamp: now(),
        resourceVersion: String(++this.revision),
        ...(resource === "deployments" || resource === "replicasets" ? { generation: 1 } : {}),
      },
    }) as KubeObject;
    map.set(meta.name, deepFreeze(stored));
    this.record(resource, "ADDED", stored);
    return stored;
  }

  /**
   * Replaces an object. With `expectedResourceVersion` the write is conditional (409 on
   * mismatch), as a PUT carrying metadata.resourceVersion is.
   */
  update(resource: ResourceName, object: KubeObject, expectedResourceVersion?: string): KubeObject {
    const info = resources[resource];
    const map = this.bucket(resource, object.metadata.namespace);
    const current = map.get(object.metadata.name);
    if (!current) throw statusErrors.notFound(info, object.metadata.name);
    if (expectedResourceVersion !== undefined && expectedResourceVersion !== current.metadata.resourceVersion) {
      throw statusErrors.conflict(info, object.metadata.name);
    }
    // Immutable server-owned fields survive whatever the client sent.
    const next: KubeObject = structuredClone({
      ...object,
      apiVersion: current.apiVersion,
      kind: current.kind,
      metadata: {
        ...object.metadata,
        uid: current.metadata.uid,
        creationTimestamp: current.metadata.creationTimestamp,
        resourceVersion: current.metadata.resourceVersion,
        ...(current.metadata.generation !== undefined ? { generation: current.metadata.generation } : {}),
      },
    });
    if (current.metadata.generation !== undefined && JSON.stringify(current.spec) !== JSON.stringify(next.spec)) {
      next.metadata.generation = current.metadata.generation + 1;
    }
    if (JSON.stringify(next) === JSON.stringify(current)) return current;
    next.metadata.resourceVersion = String(++this.revision);
    map.set(object.metadata.name, deepFreeze(next));
    this.record(resource, "MODIFIED", next);
    return next;
  }

  delete(resource: ResourceName, namespace: string | undefined, name: string): KubeObject {
    const map = this.bucket(resource, namespace);
    const current = map.get(name);
    if (!current) throw statusErrors.notFound(resources[resource], name);
    map.delete(name);
    const deleted = deepFreeze({ ...current, metadata: { ...current.metadata, resourceVersion: String(++this.revision) } });
    this.record(resource, "DELETED", deleted);
    return deleted;
  }

  /**
   * Registers a watcher and returns the events it missed since `resourceVersion` (a numeric
   * string); throws 410 when that point has been compacted away.
   */
  watch(watcher: Watcher, resourceVersion: number): StoredEvent[] {
    if (resourceVersion < this.oldestResumable) {
      throw statusErrors.gone(String(resourceVersion), this.oldestResumable);
    }
    const missed = this.history.filter(
      (e) =>
        e.resourceVersion > resourceVersion &&
        e.resource === watcher.resource &&
        (watcher.namespace === undefined || e.object.metadata.namespace === watcher.namespace),
    );
    this.watchers.add(watcher);
    return missed;
  }

  unwatch(watcher: Watcher) {
    this.watchers.delete(watcher);
  }

  private record(resource: ResourceName, type: WatchEventType, object: KubeObject) {
    const event: StoredEvent = { resourceVersion: this.revision, resource, type, object };
    this.history.push(event);
    if (this.history.length > HISTORY) this.history.splice(0, this.history.length - HISTORY);
    for (const watcher of this.watchers) {
      if (watcher.resource !== resource) continue;
      if (watcher.namespace !== undefined && watcher.namespace !== object.metadata.namespace) continue;
      try {
        watcher.send(event);
      } catch {
        this.watchers.delete(watcher);
      }
    }
    for (const listener of this.listeners) listener(event);
  }
}

export { StatusError };
