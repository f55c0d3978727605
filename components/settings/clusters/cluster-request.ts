/**
 * The add/edit cluster form as plain data, and the API body it becomes. Credentials are
 * write-only: the edit form starts with empty credential fields, and leaving them empty keeps
 * what is stored.
 */
export const AUTH_KINDS = ["BearerToken", "ClientCertificate", "Kubeconfig", "InCluster"] as const;
export type AuthKind = (typeof AUTH_KINDS)[number];

export const AUTH_KIND_LABELS: Record<AuthKind, string> = {
  BearerToken: "Bearer token",
  ClientCertificate: "Client certificate",
  Kubeconfig: "Kubeconfig",
  InCluster: "In-cluster service account",
};

export interface ClusterFormState {
  name: string;
  apiServerUrl: string;
  caBundle: string;
  /** Edit only: drop the stored CA bundle. */
  removeCaBundle: boolean;
  insecureSkipTlsVerify: boolean;
  authKind: AuthKind;
  token: string;
  clientCertificate: string;
  clientKey: string;
  kubeconfig: string;
  context: string;
}

export type ClusterField = keyof ClusterFormState;

export const EMPTY_CLUSTER_FORM: ClusterFormState = {
  name: "",
  apiServerUrl: "",
  caBundle: "",
  removeCaBundle: false,
  insecureSkipTlsVerify: false,
  authKind: "BearerToken",
  token: "",
  clientCertificate: "",
  clientKey: "",
  kubeconfig: "",
  context: "",
};

/** What the edit form compares against (from the cluster view: no secrets). */
export interface StoredCluster {
  name: string;
  apiServerUrl: string;
  hasCaBundle: boolean;
  insecureSkipTlsVerify: boolean;
  authKind: AuthKind;
}

export function formFromCluster(cluster: StoredCluster): ClusterFormState {
  return { ...EMPTY_CLUSTER_FORM, name: cluster.name, apiServerUrl: cluster.apiServerUrl, insecureSkipTlsVerify: cluster.insecureSkipTlsVerify, authKind: cluster.authKind };
}

type Credentials =
  | { authKind: "BearerToken"; token: string }
  | { authKind: "ClientCertificate"; clientCertificate: string; clientKey: string }
  | { authKind: "Kubeconfig"; kubeconfig: string; context?: string }
  | { authKind: "InCluster" };

export type ClusterRequest = { ok: true; body: Record<string, unknown> } | { ok: false; field: ClusterField | null; message: string };

const problem = (field: ClusterField | null, message: string): ClusterRequest => ({ ok: false, field, message });

/** The credentials the form holds: null when none were entered, a problem when half were. */
function credentialsOf(form: ClusterFormState): Credentials | null | { problem: ClusterRequest } {
  switch (form.authKind) {
    case "BearerToken":
      return form.token.trim() ? { authKind: "BearerToken", token: form.token.trim() } : null;
    case "ClientCertificate": {
      const cert = form.clientCertificate.trim();
      const key = form.clientKey.trim();
      if (cert && key) return { authKind: "ClientCertificate", clientCertificate: cert, clientKey: key };
      if (cert) return { problem: problem("clientKey", "Paste the private key that belongs to the certificate.") };
      if (key) return { problem: problem("clientCertificate", "Paste the certificate that belongs to the private key.") };
      return null;
    }
    case "Kubeconfig":
      if (form.kubeconfig.trim()) return { authKind: "Kubeconfig", kubeconfig: form.kubeconfig, ...(form.context.trim() ? { context: form.context.trim() } : {}) };
      if (form.context.trim()) return { problem: problem("kubeconfig", "Paste the kubeconfig again to change the context it uses.") };
      return null;
    case "InCluster":
      return { authKind: "InCluster" };
  }
}

const MISSING: Record<Exclude<AuthKind, "InCluster">, { field: ClusterField; message: string }> = {
  BearerToken: { field: "token", message: "Enter the bearer token." },
  ClientCertificate: { field: "clientCertificate", message: "Paste the client certificate and its private key." },
  Kubeconfig: { field: "kubeconfig", message: "Paste the kubeconfig." },
};

export function buildCreateRequest(form: ClusterFormState): ClusterRequest {
  if (!form.name.trim()) return problem("name", "Give the cluster a name.");
  if (!form.apiServerUrl.trim()) return problem("apiServerUrl", "Enter the API server URL.");
  const credentials = credentialsOf(form);
  if (credentials && "problem" in credentials) return credentials.problem;
  if (!credentials) {
    const missing = MISSING[form.authKind as Exclude<AuthKind, "InCluster">];
    return problem(missing.field, missing.message);
  }
  return {
    ok: true,
    body: {
      name: form.name.trim(),
      apiServerUrl: form.apiServerUrl.trim(),
      ...(form.caBundle.trim() ? { caBundle: form.caBundle.trim() } : {}),
      insecureSkipTlsVerify: form.insecureSkipTlsVerify,
      credentials,
    },
  };
}

/** Only what changed; credentials only when new ones were entered (or the auth kind changed, which needs them). */
export function buildUpdateRequest(form: ClusterFormState, stored: StoredCluster): ClusterRequest {
  const body: Record<string, unknown> = {};
  if (!form.name.trim()) return problem("name", "Give the cluster a name.");
  if (!form.apiServerUrl.trim()) return problem("apiServerUrl", "Enter the API server URL.");
  if (form.name.trim() !== stored.name) body.name = form.name.trim();
  if (form.apiServerUrl.trim() !== stored.apiServerUrl) body.apiServerUrl = form.apiServerUrl.trim();
  if (form.insecureSkipTlsVerify !== stored.insecureSkipTlsVerify) body.insecureSkipTlsVerify = form.insecureSkipTlsVerify;
  if (form.caBundle.trim()) body.caBundle = form.caBundle.trim();
  else if (form.removeCaBundle && stored.hasCaBundle) body.caBundle = "";

  const credentials = credentialsOf(form);
  if (credentials && "problem" in credentials) return credentials.problem;
  const kindChanged = form.authKind !== stored.authKind;
  if (credentials && (kindChanged || credentials.authKind !== "InCluster")) body.credentials = credentials;
  else if (kindChanged) {
    const missing = MISSING[form.authKind as Exclude<AuthKind, "InCluster">];
    return problem(missing.field, `Switching to ${AUTH_KIND_LABELS[form.authKind].toLowerCase()} needs new credentials. ${missing.message}`);
  }
  if (Object.keys(body).length === 0) return problem(null, "Nothing changed.");
  return { ok: true, body };
}

/** Maps a server validation path (`credentials.token`) to the form field showing it. */
export function clusterFieldOf(path: string): ClusterField | null {
  const last = path.split(".").pop() ?? "";
  const fields: ClusterField[] = ["name", "apiServerUrl", "caBundle", "insecureSkipTlsVerify", "token", "clientCertificate", "clientKey", "kubeconfig", "context"];
  if (path === "credentials" || path === "credentials.authKind") return "authKind";
  return (fields as string[]).includes(last) ? (last as ClusterField) : null;
}
