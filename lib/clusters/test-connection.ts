import { clusterClient, DEFAULT_REQUEST_TIMEOUT_MS, type ClusterClient } from "./client";
import { ClusterError, toClusterError, type ClusterErrorKind } from "./errors";
import type { ClusterConnection } from "./kube-config";

export type DeploymentVerb = "get" | "list" | "watch" | "patch";

export interface ConnectionReport {
  ok: boolean;
  checkedAt: string;
  latencyMs?: number;
  server?: { gitVersion: string; platform?: string };
  namespace?: string;
  /** Whether the credentials may do each verb on apps/v1 Deployments in the namespace. */
  permissions?: Record<DeploymentVerb, boolean>;
  /** Readable reasons when ok is false (also set for partial permissions). */
  problems: string[];
  error?: { kind: ClusterErrorKind; message: string };
}

const VERBS: DeploymentVerb[] = ["get", "list", "watch", "patch"];

async function mayDo(client: ClusterClient, verb: DeploymentVerb, namespace: string, timeoutMs: number) {
  const review = await client.call(
    `check permission to ${verb} deployments`,
    (o) =>
      client.authorization.createSelfSubjectAccessReview(
        {
          body: {
            apiVersion: "authorization.k8s.io/v1",
            kind: "SelfSubjectAccessReview",
            spec: { resourceAttributes: { namespace, verb, group: "apps", resource: "deployments" } },
          },
        },
        o,
      ),
    { timeoutMs },
  );
  return Boolean(review.status?.allowed);
}

/**
 * "Test connection": reaches the API server (version), proves the credentials (a
 * SelfSubjectAccessReview needs an authenticated caller) and, with a namespace, checks that
 * Gantry may get/list/watch/patch Deployments there. Never throws: the Settings page shows the
 * report, and the health column stores it.
 */
export async function testConnection(cluster: ClusterConnection, namespace?: string, options: { timeoutMs?: number } = {}): Promise<ConnectionReport> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
  const checkedAt = new Date().toISOString();
  const started = performance.now();
  let client: ClusterClient;
  try {
    client = clusterClient(cluster);
  } catch (error) {
    const e = toClusterError(error, { operation: "connect", cluster: cluster.name });
    return { ok: false, checkedAt, problems: [e.message], error: { kind: e.kind, message: e.message } };
  }
  try {
    const version = await client.call("get server version", (o) => client.version.getCode(undefined, o), { timeoutMs });
    const latencyMs = Math.round(performance.now() - started);
    const server = { gitVersion: version.gitVersion, ...(version.platform ? { platform: version.platform } : {}) };
    if (!namespace) {
      // Any namespace will do to prove the credentials authenticate.
      await mayDo(client, "get", "default", timeoutMs);
      return { ok: true, checkedAt, latencyMs, server, problems: [] };
    }
    const results = await Promise.all(VERBS.map((verb) => mayDo(client, verb, namespace, timeoutMs)));
    const permissions = Object.fromEntries(VERBS.map((verb, i) => [verb, results[i] ?? false])) as Record<DeploymentVerb, boolean>;
    const missing = VERBS.filter((verb) => !permissions[verb]);
    const problems = missing.length
      ? [`the credentials may not ${missing.join(", ")} deployments.apps in namespace "${namespace}"`]
      : [];
    return { ok: missing.length === 0, checkedAt, latencyMs, server, namespace, permissions, problems };
  } catch (error) {
    const e = error instanceof ClusterError ? error : toClusterError(error, { operation: "test connection", cluster: cluster.name });
    return { ok: false, checkedAt, ...(namespace ? { namespace } : {}), problems: [e.message], error: { kind: e.kind, message: e.message } };
  }
}
