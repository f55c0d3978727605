import { KubeConfig, loadYaml } from "@kubernetes/client-node";
import { z } from "zod";
import { decryptSecret, encryptSecret, SecretBoxError } from "@/lib/crypto/secret-box";
import { ClusterError } from "./errors";

/** Mirrors the Prisma enum ClusterAuthKind (kept as a string union so this module needs no database). */
export type ClusterAuthKind = "BearerToken" | "ClientCertificate" | "Kubeconfig" | "InCluster";

const pem = (label: RegExp, what: string) =>
  z
    .string()
    .trim()
    .refine((v) => label.test(v), `must be a PEM-encoded ${what}`);

export const credentialsSchema = z.discriminatedUnion("authKind", [
  z.object({ authKind: z.literal("BearerToken"), token: z.string().trim().min(1, "token is required").max(16_384) }),
  z.object({
    authKind: z.literal("ClientCertificate"),
    clientCertificate: pem(/-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/, "certificate"),
    clientKey: pem(/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]+-----END [A-Z ]*PRIVATE KEY-----/, "private key"),
  }),
  z.object({
    authKind: z.literal("Kubeconfig"),
    kubeconfig: z.string().min(1, "kubeconfig is required").max(1_000_000),
    /** Context to use; default: the kubeconfig's current-context. */
    context: z.string().min(1).optional(),
  }),
  z.object({ authKind: z.literal("InCluster") }),
]);

export type ClusterCredentials = z.infer<typeof credentialsSchema>;

/** A PEM bundle of CA certificates, or empty. */
export const caBundleSchema = z
  .string()
  .trim()
  .refine((v) => v === "" || /-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----/.test(v), "must be PEM-encoded certificates");

// Bound as authenticated data: a ciphertext only opens as the kind it was sealed for.
const contextFor = (kind: ClusterAuthKind) => `gantry:cluster-credentials:${kind}`;

/**
 * Validates and encrypts credential material for the `encryptedCredentials` column. In-cluster
 * credentials are the pod's service account, read at use: nothing to store (returns null).
 */
export function sealCredentials(input: unknown): { authKind: ClusterAuthKind; encryptedCredentials: string | null } {
  const credentials = credentialsSchema.parse(input);
  if (credentials.authKind === "Kubeconfig") inspectKubeconfig(credentials.kubeconfig, credentials.context);
  if (credentials.authKind === "InCluster") return { authKind: "InCluster", encryptedCredentials: null };
  return { authKind: credentials.authKind, encryptedCredentials: encryptSecret(JSON.stringify(credentials), { context: contextFor(credentials.authKind) }) };
}

export function openCredentials(cluster: { name: string; authKind: ClusterAuthKind; encryptedCredentials: string | null }): ClusterCredentials {
  if (cluster.authKind === "InCluster") return { authKind: "InCluster" };
  if (!cluster.encryptedCredentials) {
    throw new ClusterError("invalid_config", `cluster "${cluster.name}" has no stored credentials`);
  }
  let plaintext: string;
  try {
    plaintext = decryptSecret(cluster.encryptedCredentials, { context: contextFor(cluster.authKind) });
  } catch (error) {
    const reason = error instanceof SecretBoxError ? error.message : String(error);
    throw new ClusterError("invalid_config", `cannot decrypt the credentials of cluster "${cluster.name}": ${reason}`);
  }
  const parsed = credentialsSchema.safeParse(JSON.parse(plaintext));
  if (!parsed.success || parsed.data.authKind !== cluster.authKind) {
    throw new ClusterError("invalid_config", `the stored credentials of cluster "${cluster.name}" do not match its auth kind ${cluster.authKind}`);
  }
  return parsed.data;
}

/** What the Settings page may show about stored credentials: never the secret itself. */
export function describeCredentials(credentials: ClusterCredentials): string {
  switch (credentials.authKind) {
    case "BearerToken":
      return `bearer token …${credentials.token.slice(-4)}`;
    case "ClientCertificate":
      return "client certificate";
    case "Kubeconfig": {
      const summary = inspectKubeconfig(credentials.kubeconfig, credentials.context);
      return `kubeconfig context "${summary.context}" (${summary.userAuth})`;
    }
    case "InCluster":
      return "in-cluster service account";
  }
}

export interface KubeconfigSummary {
  context: string;
  server: string;
  namespace?: string;
  caBundle: boolean;
  insecureSkipTlsVerify: boolean;
  userAuth: "token" | "client-certificate" | "basic" | "none";
}

type RawKubeconfig = {
  "current-context"?: string;
  contexts?: { name?: string; context?: { cluster?: string; user?: string; namespace?: string } }[];
  clusters?: { name?: string; cluster?: Record<string, unknown> }[];
  users?: { name?: string; user?: Record<string, unknown> }[];
};

/**
 * Checks a pasted kubeconfig before Gantry stores or uses it. Anything that would make the Gantry
 * server run a program (`exec`, `auth-provider`) or read its own files (`token-file`,
 * `client-certificate`, `certificate-authority` paths) is refused: a kubeconfig is data here,
 * and such entries would let whoever pastes it execute code on, or exfiltrate files from, Gantry.
 */
export function inspectKubeconfig(text: string, contextName?: string): KubeconfigSummary {
  let raw: RawKubeconfig;
  try {
    raw = loadYaml<RawKubeconfig>(text);
  } catch (error) {
    throw new ClusterError("invalid_config", `the kubeconfig is not valid YAML: ${(error as Error).message.split("\n")[0]}`);
  }
  if (!raw || typeof raw !== "object") throw new ClusterError("invalid_config", "the kubeconfig is empty");
  const name = contextName ?? raw["current-context"];
  if (!name) throw new ClusterError("invalid_config", "the kubeconfig has no current-context; name the context to use");
  const context = raw.contexts?.find((c) => c.name === name)?.context;
  if (!context) throw new ClusterError("invalid_config", `the kubeconfig has no context named "${name}"`);
  const cluster = raw.clusters?.find((c) => c.name === context.cluster)?.cluster;
  if (!cluster) throw new ClusterError("invalid_config", `the kubeconfig has no cluster named "${context.cluster}" (used by context "${name}")`);
  const user = raw.users?.find((u) => u.name === context.user)?.user ?? {};
  const refused = [
    ...(["exec", "auth-provider", "token-file", "client-certificate", "client-key"] as const).filter((k) => k in user).map((k) => `users[].user.${k}`),
    ...(["certificate-authority"] as const).filter((k) => k in cluster).map((k) => `clusters[].cluster.${k}`),
  ];
  if (refused.length) {
    throw new ClusterError(
      "invalid_config",
      `the kubeconfig uses ${refused.join(", ")}, which Gantry does not accept (it would run programs or read files on the Gantry server); embed the credentials instead (token, client-certificate-data, client-key-data, certificate-authority-data)`,
    );
  }
  const server = String(cluster.server ?? "");
  if (!/^https?:\/\//.test(server)) throw new ClusterError("invalid_config", `the kubeconfig's cluster "${context.cluster}" has no http(s) server URL`);
  // Parse with client-node as well, so anything it would reject fails here rather than at use.
  try {
    new KubeConfig().loadFromString(text);
  } catch (error) {
    throw new ClusterError("invalid_config", `the kubeconfig is invalid: ${(error as Error).message}`);
  }
  return {
    context: name,
    server,
    ...(context.namespace ? { namespace: context.namespace } : {}),
    caBundle: Boolean(cluster["certificate-authority-data"]),
    insecureSkipTlsVerify: cluster["insecure-skip-tls-verify"] === true,
    userAuth: user.token ? "token" : user["client-certificate-data"] ? "client-certificate" : user.username ? "basic" : "none",
  };
}
