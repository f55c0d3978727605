/* eslint-disable @typescript-eslint/no-explicit-any -- the sandbox handles arbitrary client-sent Kubernetes JSON */
import { createHash, randomBytes } from "node:crypto";
import type { ObjectStore } from "./store";
import type { KubeObject, OwnerReference } from "./types";

/** What a marked image does to the pods that run it. */
export type ImageBehaviour =
  | { crashLoop: true }
  | { neverReady: true }
  /** Pods take this many steps to become ready (default 1). */
  | { slowSteps: number }
  | { healthy: true };

export interface SimulationState {
  /** Pod uid → steps lived. */
  podAge: Record<string, number>;
  /** Deployment uid → epoch ms of the last rollout progress (drives the progress deadline). */
  lastProgress: Record<string, number>;
  /** Image digest (`sha256:…`) → behaviour. */
  images: Record<string, ImageBehaviour>;
}

export interface ControllerOptions {
  /** Multiplies progressDeadlineSeconds: 0.001 makes a 600 s deadline 600 ms. */
  timeScale: number;
  nodeName: string;
}

const REVISION = "deployment.kubernetes.io/revision";
const DESIRED = "deployment.kubernetes.io/desired-replicas";
const MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
/** Annotations the deployment controller does not copy from a Deployment onto its ReplicaSets. */
const SKIPPED_ANNOTATIONS = new Set([
  "kubectl.kubernetes.io/last-applied-configuration",
  REVISION,
  "deployment.kubernetes.io/revision-history",
  DESIRED,
  MAX_REPLICAS,
  "deprecated.deployment.rollback.to",
]);

let eventSequence = 0;
const now = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
const SAFE = "bcdfghjklmnpqrstvwxz2456789";
const safeEncode = (bytes: Buffer, length: number) => [...bytes.subarray(0, length)].map((b) => SAFE[b % SAFE.length]).join("");

export function digestOf(image: string): string | undefined {
  return /@(sha256:[a-f0-9]{64})$/.exec(image)?.[1];
}

type Spec = Record<string, any>;

function templateHash(template: unknown) {
  const copy = structuredClone(template) as Spec;
  if (copy?.metadata?.labels) delete copy.metadata.labels["pod-template-hash"];
  return safeEncode(createHash("sha256").update(JSON.stringify(canonical(copy))).digest(), 10);
}

/**
 * Key-sorted, with null and empty values dropped: Go clients send `creationTimestamp: null` and
 * omit empty maps, and the API server (decoding into typed structs) treats those as equal.
 */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    const entries = Object.keys(value)
      .sort()
      .map((k) => [k, canonical((value as Record<string, unknown>)[k])] as const)
      .filter(([, v]) => v !== null && v !== undefined && !(typeof v === "object" && Object.keys(v as object).length === 0));
    return Object.fromEntries(entries);
  }
  return value;
}

function resolveIntOrPercent(value: unknown, total: number, roundUp: boolean, fallback: string) {
  const v = value ?? fallback;
  if (typeof v === "number") return v;
  const match = /^(\d+)%$/.exec(String(v));
  if (!match) return Number(v) || 0;
  const exact = (Number(match[1]) * total) / 100;
  return roundUp ? Math.ceil(exact) : Math.floor(exact);
}

const ownedBy = (object: KubeObject, owner: KubeObject) =>
  (object.metadata.ownerReferences ?? []).some((ref) => ref.controller && ref.uid === owner.metadata.uid);

const controllerRef = (owner: KubeObject): OwnerReference => ({
  apiVersion: owner.apiVersion,
  kind: owner.kind,
  name: owner.metadata.name,
  uid: owner.metadata.uid,
  controller: true,
  blockOwnerDeletion: true,
});

const revisionOf = (rs: KubeObject) => Number(rs.metadata.annotations?.[REVISION] ?? 0);
const replicasOf = (o: KubeObject) => Number((o.spec as Spec | undefined)?.replicas ?? 1);

/**
 * The deployment and replica-set controllers plus a kubelet stand-in. `sync()` reconciles desired
 * state at once (new ReplicaSet, revisions, scaling decisions, status); `step()` also ages pods one
 * step, which is what makes a rollout advance over time.
 */
export class ClusterController {
  /** Namespaces written to since their last sync. */
  private readonly dirty = new Set<string>();
  /** Pods whose status can no longer change on its own (ready, or stuck not-ready). */
  private readonly stablePods = new Set<string>();
  private readonly hashes = new WeakMap<object, string>();

  constructor(
    private readonly store: ObjectStore,
    readonly state: SimulationState,
    private readonly options: ControllerOptions,
  ) {
    store.listeners.push((event) => {
      if (event.resource !== "events") this.dirty.add(event.object.metadata.namespace ?? "");
      if (event.type === "DELETED") this.stablePods.delete(event.object.metadata.uid);
    });
    for (const ns of store.list("namespaces")) this.dirty.add(ns.metadata.name);
  }

  /** A changed image mark can change what every existing pod does. */
  imagesChanged() {
    this.stablePods.clear();
  }

  private hashOf(template: object | undefined) {
    if (!template) return templateHash(template);
    let hash = this.hashes.get(template);
    if (!hash) {
      hash = templateHash(template);
      this.hashes.set(template, hash);
    }
    return hash;
  }

  behaviourOf(pod: KubeObject): ImageBehaviour | undefined {
    for (const c of ((pod.spec as Spec)?.containers ?? []) as { image?: string }[]) {
      const digest = c.image ? digestOf(c.image) : undefined;
      const behaviour = digest ? this.state.images[digest] : undefined;
      if (behaviour && !("healthy" in behaviour)) return behaviour;
    }
    return undefined;
  }

  step() {
    for (const pod of this.store.list("pods")) {
      this.state.podAge[pod.metadata.uid] = (this.state.podAge[pod.metadata.uid] ?? 0) + 1;
      if (!this.stablePods.has(pod.metadata.uid)) this.updatePodStatus(pod);
    }
    this.sync();
  }

  /**
   * Reconciles the namespaces that changed, plus any Deployment still rolling out (its progress
   * deadline runs on the clock, not on writes). Settled namespaces cost nothing.
   */
  sync() {
    const namespaces = new Set(this.dirty);
    this.dirty.clear();
    for (const d of this.store.list("deployments")) {
      if (!this.settled(d)) namespaces.add(d.metadata.namespace ?? "");
    }
    for (const ns of namespaces) {
      for (const deployment of this.store.list("deployments", ns)) this.syncDeployment(deployment);
      for (const rs of this.store.list("replicasets", ns)) this.syncReplicaSet(rs);
      // Replica-set pod changes feed back into deployment status within the same pass.
      for (const deployment of this.store.list("deployments", ns)) this.syncDeployment(deployment);
    }
    const live = new Set(this.store.list("pods").map((p) => p.metadata.uid));
    for (const uid of Object.keys(this.state.podAge)) if (!live.has(uid)) delete this.state.podAge[uid];
  }

  private settled(d: KubeObject) {
    const status = (d.status ?? {}) as Spec;
    const progressing = ((status.conditions ?? []) as Spec[]).find((c) => c.type === "Progressing");
    return (
      (status.observedGeneration ?? 0) >= (d.metadata.generation ?? 0) &&
      (Boolean((d.spec as Spec)?.paused) || progressing?.reason === "NewReplicaSetAvailable" || progressing?.reason === "ProgressDeadlineExceeded")
    );
  }

  /** Deleting an owner deletes what it controls (background cascading deletion, done at once). */
  cascadeDelete(owner: KubeObject) {
    const kinds = owner.kind === "Deployment" ? (["replicasets"] as const) : owner.kind === "ReplicaSet" ? (["pods"] as const) : [];
    for (const resource of kinds) {
      for (const child of this.store.list(resource, owner.metadata.namespace)) {
        if (!ownedBy(child, owner)) continue;
        this.store.delete(resource, child.metadata.namespace, child.metadata.name);
        this.cascadeDelete(child);
      }
    }
  }

  private syncDeployment(d: KubeObject) {
    const ns = d.metadata.namespace!;
    const spec = d.spec as Spec;
    const desired = replicasOf(d);
    let all = this.store.list("replicasets", ns).filter((rs) => ownedBy(rs, d));
    const hash = this.hashOf(spec.template);
    const maxRevision = Math.max(0, ...all.map(revisionOf));
    let newRS = all.find((rs) => rs.metadata.labels?.["pod-template-hash"] === hash);
    let progressReason: { reason: string; message: string } | undefined;
    const copied = Object.fromEntries(
      Object.entries(d.metadata.annotations ?? {}).filter(([k]) => !SKIPPED_ANNOTATIONS.has(k)),
    );

    if (!newRS) {
      const revision = maxRevision + 1;
      const template = structuredClone(spec.template) as Spec;
      template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), "pod-template-hash": hash } };
      newRS = this.store.create("replicasets", {
        apiVersion: "apps/v1",
        kind: "ReplicaSet",
        metadata: {
          name: `${d.metadata.name}-${hash}`,
          namespace: ns,
          labels: template.metadata.labels,
          annotations: { ...copied, [REVISION]: String(revision), [DESIRED]: String(desired) },
          ownerReferences: [controllerRef(d)],
        },
        spec: {
          replicas: 0,
          minReadySeconds: spec.minReadySeconds ?? 0,
          selector: { matchLabels: { ...(spec.selector?.matchLabels ?? {}), "pod-template-hash": hash } },
          template,
        },
      });
      all = [...all, newRS];
      progressReason = { reason: "NewReplicaSetCreated", message: `Created new replica set "${newRS.metadata.name}"` };
      this.state.lastProgress[d.metadata.uid] = Date.now();
    } else {
      // A rollback (or re-deploy of an old template) makes the old ReplicaSet the newest revision.
      const revision = revisionOf(newRS) < maxRevision ? maxRevision + 1 : revisionOf(newRS);
      const annotations = { ...(newRS.metadata.annotations ?? {}), ...copied, [REVISION]: String(revision) };
      if (revision !== revisionOf(newRS)) {
        this.state.lastProgress[d.metadata.uid] = Date.now();
        progressReason = { reason: "FoundNewReplicaSet", message: `Found new replica set "${newRS.metadata.name}"` };
      }
      if (JSON.stringify(annotations) !== JSON.stringify(newRS.metadata.annotations)) {
        newRS = this.store.update("replicasets", { ...newRS, metadata: { ...newRS.metadata, annotations } });
        all = all.map((rs) => (rs.metadata.uid === newRS!.metadata.uid ? newRS! : rs));
      }
    }

    const newRevision = newRS.metadata.annotations?.[REVISION] ?? "1";
    if (d.metadata.annotations?.[REVISION] !== newRevision) {
      d = this.store.update("deployments", {
        ...d,
        metadata: { ...d.metadata, annotations: { ...(d.metadata.annotations ?? {}), [REVISION]: newRevision } },
      });
    }

    const oldRSs = all.filter((rs) => rs.metadata.uid !== newRS!.metadata.uid).sort((a, b) => revisionOf(a) - revisionOf(b));
    const podsOf = (rs: KubeObject) => this.store.list("pods", ns).filter((p) => ownedBy(p, rs));
    const available = (rs: KubeObject) => podsOf(rs).filter((p) => this.isAvailable(p)).length;
    const scale = (rs: KubeObject, replicas: number) => {
      if (replicasOf(rs) === replicas) return rs;
      const verb = replicas > replicasOf(rs) ? "up" : "down";
      this.recordEvent(d, "Normal", "ScalingReplicaSet", `Scaled ${verb} replica set ${rs.metadata.name} from ${replicasOf(rs)} to ${replicas}`);
      const annotations = { ...(rs.metadata.annotations ?? {}), [DESIRED]: String(desired) };
      return this.store.update("replicasets", { ...rs, metadata: { ...rs.metadata, annotations }, spec: { ...rs.spec, replicas } });
    };

    if (!spec.paused) {
      const strategy = spec.strategy?.type ?? "RollingUpdate";
      if (strategy === "Recreate") {
        for (const rs of oldRSs) scale(rs, 0);
        if (oldRSs.every((rs) => podsOf(rs).length === 0)) newRS = scale(newRS, desired);
      } else {
        let maxSurge = resolveIntOrPercent(spec.strategy?.rollingUpdate?.maxSurge, desired, true, "25%");
        let maxUnavailable = resolveIntOrPercent(spec.strategy?.rollingUpdate?.maxUnavailable, desired, false, "25%");
        if (maxSurge === 0 && maxUnavailable === 0) maxUnavailable = 1;
        if (maxSurge < 0) maxSurge = 0;
        const total = () => [newRS!, ...oldRSs].reduce((sum, rs) => sum + replicasOf(rs), 0);
        if (replicasOf(newRS) > desired || oldRSs.every((rs) => replicasOf(rs) === 0)) newRS = scale(newRS, desired);
        else {
          const room = desired + maxSurge - total();
          if (room > 0) newRS = scale(newRS, Math.min(desired, replicasOf(newRS) + room));
        }
        const minAvailable = desired - maxUnavailable;
        const newUnavailable = replicasOf(newRS) - available(newRS);
        let budget = total() - minAvailable - newUnavailable;
        for (let i = 0; i < oldRSs.length && budget > 0; i++) {
          const rs = oldRSs[i]!;
          const unhealthy = Math.min(replicasOf(rs) - available(rs), budget);
          if (unhealthy > 0) {
            oldRSs[i] = scale(rs, replicasOf(rs) - unhealthy);
            budget -= unhealthy;
          }
        }
        const availableTotal = [newRS, ...oldRSs].reduce((sum, rs) => sum + available(rs), 0);
        let scaleDown = availableTotal - minAvailable;
        for (let i = 0; i < oldRSs.length && scaleDown > 0; i++) {
          const rs = oldRSs[i]!;
          const by = Math.min(replicasOf(rs), scaleDown);
          if (by > 0) {
            oldRSs[i] = scale(rs, replicasOf(rs) - by);
            scaleDown -= by;
          }
        }
      }
    }

    this.updateDeploymentStatus(d, newRS, oldRSs, podsOf, progressReason);
  }

  private updateDeploymentStatus(
    d: KubeObject,
    newRS: KubeObject,
    oldRSs: KubeObject[],
    podsOf: (rs: KubeObject) => KubeObject[],
    created: { reason: string; message: string } | undefined,
  ) {
    const current = this.store.get("deployments", d.metadata.namespace, d.metadata.name);
    if (!current) return;
    const spec = current.spec as Spec;
    const previous = (current.status ?? {}) as Spec;
    const desired = replicasOf(current);
    const allPods = [newRS, ...oldRSs].flatMap(podsOf);
    const newPods = podsOf(newRS);
    const readyCount = allPods.filter((p) => this.isReady(p)).length;
    const availableCount = allPods.filter((p) => this.isAvailable(p)).length;
    const specTotal = [newRS, ...oldRSs].reduce((sum, rs) => sum + replicasOf(rs), 0);
    const maxUnavailable =
      spec.strategy?.type === "Recreate" ? 0 : resolveIntOrPercent(spec.strategy?.rollingUpdate?.maxUnavailable, desired, false, "25%");
    const status: Spec = {
      observedGeneration: current.metadata.generation,
      replicas: allPods.length,
      updatedReplicas: newPods.length,
      readyReplicas: readyCount,
      availableReplicas: availableCount,
      unavailableReplicas: Math.max(0, specTotal - availableCount),
    };
    for (const key of ["readyReplicas", "availableReplicas", "unavailableReplicas", "updatedReplicas", "replicas"]) {
      if (status[key] === 0) delete status[key];
    }

    const conditions: Spec[] = structuredClone(previous.conditions ?? []);
    const setCondition = (type: string, statusValue: "True" | "False" | "Unknown", reason: string, message: string, touch: boolean) => {
      const timestamp = now();
      const existing = conditions.find((c) => c.type === type);
      if (existing && existing.status === statusValue && existing.reason === reason && !touch) return;
      const next = {
        type,
        status: statusValue,
        lastUpdateTime: timestamp,
        lastTransitionTime: existing && existing.status === statusValue ? existing.lastTransitionTime : timestamp,
        reason,
        message,
      };
      if (existing) Object.assign(existing, next);
      else conditions.push(next);
    };

    const minAvailable = desired - maxUnavailable;
    if (availableCount >= minAvailable) setCondition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", false);
    else setCondition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability.", false);

    const complete =
      newPods.length === desired && allPods.length === desired && availableCount === desired && specTotal === desired;
    const progressed =
      (status.updatedReplicas ?? 0) > (previous.updatedReplicas ?? 0) ||
      (status.readyReplicas ?? 0) > (previous.readyReplicas ?? 0) ||
      (status.availableReplicas ?? 0) > (previous.availableReplicas ?? 0) ||
      (status.replicas ?? 0) - (status.updatedReplicas ?? 0) < (previous.replicas ?? 0) - (previous.updatedReplicas ?? 0);
    const deadlineMs = Number(spec.progressDeadlineSeconds ?? 600) * 1000 * this.options.timeScale;
    const uid = current.metadata.uid;
    const progressing = conditions.find((c) => c.type === "Progressing");
    if (spec.paused) {
      setCondition("Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", false);
    } else if (complete) {
      setCondition("Progressing", "True", "NewReplicaSetAvailable", `ReplicaSet "${newRS.metadata.name}" has successfully progressed.`, false);
    } else if (created) {
      setCondition("Progressing", "True", created.reason, created.message, true);
    } else if (progressed || !progressing) {
      this.state.lastProgress[uid] = Date.now();
      setCondition("Progressing", "True", "ReplicaSetUpdated", `ReplicaSet "${newRS.metadata.name}" is progressing.`, true);
    } else if (
      progressing.reason !== "ProgressDeadlineExceeded" &&
      Date.now() - (this.state.lastProgress[uid] ?? Date.now()) > deadlineMs
    ) {
      setCondition("Progressing", "False", "ProgressDeadlineExceeded", `ReplicaSet "${newRS.metadata.name}" has timed out progressing.`, false);
      this.recordEvent(current, "Warning", "ProgressDeadlineExceeded", `ReplicaSet "${newRS.metadata.name}" has timed out progressing.`);
    }
    conditions.sort((a, b) => (a.type === "Available" ? -1 : b.type === "Available" ? 1 : 0));
    status.conditions = conditions;
    if (JSON.stringify(status) !== JSON.stringify(previous)) {
      this.store.update("deployments", { ...current, status });
    }
  }

  private syncReplicaSet(rs: KubeObject) {
    const ns = rs.metadata.namespace!;
    const pods = this.store.list("pods", ns).filter((p) => ownedBy(p, rs));
    const want = replicasOf(rs);
    for (let i = pods.length; i < want; i++) {
      const template = structuredClone((rs.spec as Spec).template ?? {}) as Spec;
      const pod = this.store.create("pods", {
        apiVersion: "v1",
        kind: "Pod",
        metadata: {
          name: `${rs.metadata.name}-${safeEncode(randomBytes(5), 5)}`,
          namespace: ns,
          labels: template.metadata?.labels ?? {},
          ...(template.metadata?.annotations ? { annotations: template.metadata.annotations } : {}),
          ownerReferences: [controllerRef(rs)],
        },
        spec: { ...(template.spec ?? {}), nodeName: this.options.nodeName },
        status: { phase: "Pending", conditions: [{ type: "PodScheduled", status: "True", lastTransitionTime: now() }], qosClass: "BestEffort" },
      });
      this.state.podAge[pod.metadata.uid] = 0;
      this.recordEvent(rs, "Normal", "SuccessfulCreate", `Created pod: ${pod.metadata.name}`);
    }
    if (pods.length > want) {
      // Like the replica-set controller: not-ready and youngest pods go first.
      const victims = [...pods]
        .sort((a, b) => Number(this.isReady(a)) - Number(this.isReady(b)) || (this.state.podAge[a.metadata.uid] ?? 0) - (this.state.podAge[b.metadata.uid] ?? 0))
        .slice(0, pods.length - want);
      for (const pod of victims) {
        this.store.delete("pods", ns, pod.metadata.name);
        delete this.state.podAge[pod.metadata.uid];
        this.recordEvent(rs, "Normal", "SuccessfulDelete", `Deleted pod: ${pod.metadata.name}`);
      }
    }
    const current = this.store.list("pods", ns).filter((p) => ownedBy(p, rs));
    const status: Spec = {
      replicas: current.length,
      fullyLabeledReplicas: current.length,
      readyReplicas: current.filter((p) => this.isReady(p)).length,
      availableReplicas: current.filter((p) => this.isAvailable(p)).length,
      observedGeneration: rs.metadata.generation,
    };
    for (const key of ["readyReplicas", "availableReplicas", "fullyLabeledReplicas"]) if (status[key] === 0) delete status[key];
    const fresh = this.store.get("replicasets", ns, rs.metadata.name);
    if (fresh && JSON.stringify(fresh.status ?? {}) !== JSON.stringify(status)) this.store.update("replicasets", { ...fresh, status });
  }

  private isReady(pod: KubeObject) {
    return ((pod.status as Spec)?.conditions ?? []).some((c: Spec) => c.type === "Ready" && c.status === "True");
  }

  private isAvailable(pod: KubeObject) {
    return this.isReady(pod);
  }

  private updatePodStatus(pod: KubeObject) {
    const age = this.state.podAge[pod.metadata.uid] ?? 0;
    const behaviour = this.behaviourOf(pod);
    const previous = (pod.status ?? {}) as Spec;
    const startedAt = previous.startTime ?? now();
    const containers = ((pod.spec as Spec)?.containers ?? []) as { name: string; image: string }[];
    const readySteps = behaviour && "slowSteps" in behaviour ? Math.max(1, behaviour.slowSteps) : 1;
    const crashLoop = Boolean(behaviour && "crashLoop" in behaviour);
    const neverReady = Boolean(behaviour && "neverReady" in behaviour);
    if (age === 0) return;
    const ready = !crashLoop && !neverReady && age >= readySteps;
    const running = age >= 1;
    const previousStatuses = (previous.containerStatuses ?? []) as Spec[];
    const containerStatuses = containers.map((c) => {
      const before = previousStatuses.find((s) => s.name === c.name);
      const restartCount = crashLoop ? Math.max(0, age - 1) : (before?.restartCount ?? 0);
      const digest = digestOf(c.image);
      const base = {
        name: c.name,
        image: c.image,
        imageID: digest ? `${c.image.split("@")[0]}@${digest}` : "",
        containerID: `containerd://${createHash("sha256").update(pod.metadata.uid + c.name + restartCount).digest("hex")}`,
        ready: ready,
        started: crashLoop ? false : running,
        restartCount,
      };
      if (crashLoop) {
        return {
          ...base,
          state: { waiting: { reason: "CrashLoopBackOff", message: `back-off restarting failed container ${c.name} in pod ${pod.metadata.name}` } },
          lastState: { terminated: { exitCode: 1, reason: "Error", startedAt, finishedAt: now() } },
        };
      }
      if (!running) return { ...base, state: { waiting: { reason: "ContainerCreating" } } };
      return { ...base, state: { running: { startedAt: before?.state?.running?.startedAt ?? now() } } };
    });
    const condition = (type: string, value: boolean) => {
      const old = (previous.conditions ?? []).find((x: Spec) => x.type === type);
      const statusValue = value ? "True" : "False";
      return { type, status: statusValue, lastTransitionTime: old && old.status === statusValue ? old.lastTransitionTime : now() };
    };
    const status: Spec = {
      phase: running ? "Running" : "Pending",
      conditions: [condition("Initialized", true), condition("Ready", ready), condition("ContainersReady", ready), condition("PodScheduled", true)],
      hostIP: "10.0.0.1",
      podIP: `10.244.0.${(parseInt(pod.metadata.uid.slice(0, 2), 16) % 250) + 2}`,
      startTime: startedAt,
      containerStatuses,
      qosClass: "BestEffort",
    };
    if (JSON.stringify(status) === JSON.stringify(previous)) {
      if (!crashLoop && age > readySteps) this.stablePods.add(pod.metadata.uid);
      return;
    }
    const fresh = this.store.get("pods", pod.metadata.namespace, pod.metadata.name);
    if (!fresh) return;
    this.store.update("pods", { ...fresh, status });
    if (crashLoop && containerStatuses.some((c) => c.restartCount > 0 && c.restartCount % 3 === 1)) {
      this.recordEvent(fresh, "Warning", "BackOff", `Back-off restarting failed container ${containers[0]?.name ?? ""} in pod ${pod.metadata.name}`);
    }
    if (running && !previous.containerStatuses?.length) {
      for (const c of containers) this.recordEvent(fresh, "Normal", "Started", `Started container ${c.name}`);
    }
  }

  recordEvent(object: KubeObject, type: "Normal" | "Warning", reason: string, message: string) {
    const ns = object.metadata.namespace ?? "default";
    const existing = this.store
      .list("events", ns)
      .find((e) => (e as Spec).involvedObject?.uid === object.metadata.uid && (e as Spec).reason === reason && (e as Spec).message === message);
    const timestamp = now();
    if (existing) {
      this.store.update("events", { ...existing, count: Number((existing as Spec).count ?? 1) + 1, lastTimestamp: timestamp });
      return;
    }
    const events = this.store.list("events", ns);
    if (events.length >= 1000) {
      const oldest = events.sort((a, b) => String((a as Spec).lastTimestamp).localeCompare(String((b as Spec).lastTimestamp)))[0];
      if (oldest) this.store.delete("events", ns, oldest.metadata.name);
    }
    this.store.create("events", {
      apiVersion: "v1",
      kind: "Event",
      // Real event names end in a hex timestamp, which keeps a name-ordered list chronological.
      metadata: { name: `${object.metadata.name}.${(Date.now() * 1000 + (eventSequence++ % 1000)).toString(16)}`, namespace: ns },
      involvedObject: {
        kind: object.kind,
        namespace: ns,
        name: object.metadata.name,
        uid: object.metadata.uid,
        apiVersion: object.apiVersion,
        resourceVersion: object.metadata.resourceVersion,
      },
      reason,
      message,
      source: { component: object.kind === "Pod" ? "kubelet" : `${object.kind.toLowerCase()}-controller` },
      firstTimestamp: timestamp,
      lastTimestamp: timestamp,
      count: 1,
      type,
      reportingComponent: "",
      reportingInstance: "",
    });
  }
}
