import {
  AppsV1Api,
  AuthorizationV1Api,
  CoreV1Api,
  Observable,
  VersionApi,
  Watch,
  type KubeConfig,
  type RequestContext,
  type ResponseContext,
} from "@kubernetes/client-node";
import { toClusterError } from "./errors";
import { buildKubeConfig, serverOf, type ClusterConnection } from "./kube-config";

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

export type RequestOptions = NonNullable<Parameters<AppsV1Api["readNamespacedDeployment"]>[1]>;

export interface CallOptions {
  /** Per-request timeout. */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * Per-call client-node options: a timeout (client-node has none of its own for ordinary requests)
 * and, optionally, the PATCH content type.
 */
export function requestOptions(options: CallOptions & { contentType?: string } = {}): RequestOptions {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
  return {
    middleware: [
      {
        pre: (context: RequestContext) => {
          context.setSignal(signal);
          if (options.contentType) context.setHeaderParam("Content-Type", options.contentType);
          return new Observable(Promise.resolve(context));
        },
        post: (response: ResponseContext) => new Observable(Promise.resolve(response)),
      },
    ],
    middlewareMergeStrategy: "append",
  } as RequestOptions;
}

export interface ClusterClient {
  cluster: ClusterConnection;
  kc: KubeConfig;
  server: string | undefined;
  apps: AppsV1Api;
  core: CoreV1Api;
  authorization: AuthorizationV1Api;
  version: VersionApi;
  watch: Watch;
  /** Runs one API call with a timeout and turns any failure into a ClusterError. */
  call<T>(operation: string, fn: (options: RequestOptions) => Promise<T>, options?: CallOptions & { contentType?: string }): Promise<T>;
}

export function clusterClient(cluster: ClusterConnection): ClusterClient {
  const kc = buildKubeConfig(cluster);
  const server = serverOf(kc);
  return {
    cluster,
    kc,
    server,
    apps: kc.makeApiClient(AppsV1Api),
    core: kc.makeApiClient(CoreV1Api),
    authorization: kc.makeApiClient(AuthorizationV1Api),
    version: kc.makeApiClient(VersionApi),
    watch: new Watch(kc),
    async call(operation, fn, options = {}) {
      try {
        return await fn(requestOptions(options));
      } catch (error) {
        throw toClusterError(error, { operation, cluster: cluster.name, ...(server ? { server } : {}) });
      }
    },
  };
}
