import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";

export interface KubeconfigEntry {
  /** Cluster, user and context name. */
  name: string;
  server: string;
  token: string;
  caCert?: string;
  insecureSkipTlsVerify?: boolean;
}

/** JSON-quoted scalars are valid YAML, so names and tokens need no YAML escaping rules of their own. */
const q = (value: string) => JSON.stringify(value);

export function renderKubeconfig(entries: KubeconfigEntry[], currentContext = entries[0]?.name ?? "") {
  const lines = ["apiVersion: v1", "kind: Config", "preferences: {}", `current-context: ${q(currentContext)}`, "clusters:"];
  for (const e of entries) {
    lines.push(`- name: ${q(e.name)}`, "  cluster:", `    server: ${q(e.server)}`);
    if (e.caCert) lines.push(`    certificate-authority-data: ${q(Buffer.from(e.caCert).toString("base64"))}`);
    if (e.insecureSkipTlsVerify) lines.push("    insecure-skip-tls-verify: true");
  }
  lines.push("users:");
  for (const e of entries) lines.push(`- name: ${q(e.name)}`, "  user:", `    token: ${q(e.token)}`);
  lines.push("contexts:");
  for (const e of entries) lines.push(`- name: ${q(e.name)}`, "  context:", `    cluster: ${q(e.name)}`, `    user: ${q(e.name)}`, `    namespace: "default"`);
  return lines.join("\n") + "\n";
}

export async function writeKubeconfig(file: string, entries: KubeconfigEntry[], currentContext?: string) {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, renderKubeconfig(entries, currentContext), { mode: 0o600 });
  return file;
}
