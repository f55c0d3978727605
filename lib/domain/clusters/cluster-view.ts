import { describeCredentials, openCredentials } from "@/lib/clusters";

type Row = {
  id: string;
  name: string;
  apiServerUrl: string;
  caBundle: string | null;
  insecureSkipTlsVerify: boolean;
  authKind: "BearerToken" | "ClientCertificate" | "Kubeconfig" | "InCluster";
  encryptedCredentials: string | null;
  lastCheckedAt: Date | null;
  lastCheckResult: unknown;
  createdAt: Date;
  updatedAt: Date;
  _count?: { environments: number };
};

/** What admins see of a cluster: a description of its credentials, never the secret. */
export function toClusterView(row: Row) {
  let credentials: string;
  try {
    credentials = describeCredentials(openCredentials(row));
  } catch (error) {
    credentials = `unreadable: ${(error as Error).message}`;
  }
  return {
    id: row.id,
    name: row.name,
    apiServerUrl: row.apiServerUrl,
    hasCaBundle: Boolean(row.caBundle),
    insecureSkipTlsVerify: row.insecureSkipTlsVerify,
    authKind: row.authKind,
    credentials,
    lastCheckedAt: row.lastCheckedAt,
    lastCheckResult: row.lastCheckResult,
    environments: row._count?.environments ?? 0,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export type ClusterView = ReturnType<typeof toClusterView>;
