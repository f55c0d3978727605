import type { ConnectionReport, DeploymentVerb } from "@/lib/clusters/test-connection";

/** The verbs Gantry needs on Deployments, in the order the checklist shows them, with why. */
export const DEPLOYMENT_VERBS: { verb: DeploymentVerb; why: string }[] = [
  { verb: "get", why: "read the live image and rollout status" },
  { verb: "list", why: "find ReplicaSets and pods of a rollout" },
  { verb: "watch", why: "follow a rollout without polling" },
  { verb: "patch", why: "set the image to deploy or roll back" },
];

export type ReportTone = "success" | "warning" | "danger";

export interface ReportSummary {
  tone: ReportTone;
  title: string;
  /** What to do about it, in plain words. */
  hint?: string;
}

const BY_KIND: Record<string, { title: string; hint: string }> = {
  unreachable: {
    title: "Gantry cannot reach the API server",
    hint: "Check the URL and port, and that the Gantry server can open a connection to it (firewall, VPN, private endpoint).",
  },
  timeout: {
    title: "The API server did not answer in time",
    hint: "It may be overloaded, or a firewall drops the connection silently. Check the URL and the network path from Gantry.",
  },
  tls: {
    title: "The API server's TLS certificate could not be verified",
    hint: "Paste the cluster's CA bundle, and check that the URL's host name matches the certificate.",
  },
  unauthorized: {
    title: "The cluster rejected the credentials",
    hint: "The token or client certificate is missing, wrong or expired. Edit the cluster and enter new credentials.",
  },
  forbidden: {
    title: "The credentials may not check their own permissions",
    hint: "Gantry asks with a SelfSubjectAccessReview, which every authenticated identity may create by default; a custom RBAC setup may have removed it.",
  },
  invalid_config: {
    title: "These cluster settings cannot be used",
    hint: "See the reason below, then edit the cluster.",
  },
  server_error: {
    title: "The API server answered with an error",
    hint: "This is usually temporary; try again, and check the cluster's control plane if it persists.",
  },
};

/** One line and a hint for a connection test, from the report alone (it is also stored as the cluster's health). */
export function summarizeReport(report: ConnectionReport): ReportSummary {
  if (report.ok) {
    return report.namespace
      ? { tone: "success", title: `Connected: Gantry may deploy to namespace “${report.namespace}”` }
      : { tone: "success", title: "Connected: the credentials are accepted", hint: "Test with a namespace to check the permissions Gantry needs there." };
  }
  if (report.permissions) {
    const missing = DEPLOYMENT_VERBS.filter(({ verb }) => !report.permissions![verb]).map(({ verb }) => verb);
    return {
      tone: "warning",
      title: `Connected, but the credentials may not ${joinWords(missing)} Deployments in “${report.namespace}”`,
      hint: `Bind the identity to a Role that allows get, list, watch and patch on deployments.apps in namespace “${report.namespace}”.`,
    };
  }
  const known = report.error ? BY_KIND[report.error.kind] : undefined;
  return { tone: "danger", title: known?.title ?? "The connection test failed", ...(known ? { hint: known.hint } : {}) };
}

function joinWords(words: string[]) {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}

/** The stored last check (a JSON column) as a report, or null when there is none or it has another shape. */
export function asConnectionReport(value: unknown): ConnectionReport | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Partial<ConnectionReport>;
  if (typeof v.ok !== "boolean" || typeof v.checkedAt !== "string" || !Array.isArray(v.problems)) return null;
  return value as ConnectionReport;
}
