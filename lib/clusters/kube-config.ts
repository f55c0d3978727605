import { KubeConfig } from "@kubernetes/client-node";
import { openCredentials, type ClusterAuthKind } from "./credentials";
import { ClusterError } from "./errors";

/** The fields of a Cluster row that make a connection (a Prisma `Cluster` satisfies it). */
export interface ClusterConnection {
  id?: string;
  name: string;
  apiServerUrl: string;
  caBundle: string | null;
  insecureSkipTlsVerify: boolean;
  authKind: ClusterAuthKind;
  encryptedCredentials: string | null;
}

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

/**
 * A client-node KubeConfig for one cluster record. Credentials are decrypted here, at the moment
 * of use, and live only in the returned object. For pasted kubeconfigs the kubeconfig's own server
 * and CA are used (the record's apiServerUrl is what the Settings page shows).
 */
export function buildKubeConfig(cluster: ClusterConnection): KubeConfig {
  const credentials = openCredentials(cluster);
  const kc = new KubeConfig();
  if (credentials.authKind === "Kubeconfig") {
    kc.loadFromString(credentials.kubeconfig);
    if (credentials.context) kc.setCurrentContext(credentials.context);
    if (!kc.getCurrentCluster()) throw new ClusterError("invalid_config", `cluster "${cluster.name}": the kubeconfig's context has no cluster`);
    return kc;
  }
  if (credentials.authKind === "InCluster") {
    if (!process.env.KUBERNETES_SERVICE_HOST) {
      throw new ClusterError("invalid_config", `cluster "${cluster.name}" uses in-cluster credentials, but Gantry is not running inside Kubernetes`);
    }
    kc.loadFromCluster();
    return kc;
  }

  let url: URL;
  try {
    url = new URL(cluster.apiServerUrl);
  } catch {
    throw new ClusterError("invalid_config", `cluster "${cluster.name}": "${cluster.apiServerUrl}" is not a URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ClusterError("invalid_config", `cluster "${cluster.name}": the API server URL must be https://`);
  }
  if (url.protocol === "http:" && !cluster.insecureSkipTlsVerify) {
    // client-node refuses plain http unless TLS verification is explicitly off; say why here.
    throw new ClusterError("invalid_config", `cluster "${cluster.name}": an http:// API server URL sends credentials unencrypted; use https:// (or explicitly allow insecure connections)`);
  }
  const server = cluster.apiServerUrl.replace(/\/+$/, "");
  kc.loadFromOptions({
    clusters: [
      {
        name: cluster.name,
        server,
        skipTLSVerify: cluster.insecureSkipTlsVerify,
        ...(cluster.caBundle && !cluster.insecureSkipTlsVerify ? { caData: b64(cluster.caBundle) } : {}),
      },
    ],
    users: [
      credentials.authKind === "BearerToken"
        ? { name: cluster.name, token: credentials.token }
        : { name: cluster.name, certData: b64(credentials.clientCertificate), keyData: b64(credentials.clientKey) },
    ],
    contexts: [{ name: cluster.name, cluster: cluster.name, user: cluster.name }],
    currentContext: cluster.name,
  });
  return kc;
}

export function serverOf(kc: KubeConfig) {
  return kc.getCurrentCluster()?.server;
}
