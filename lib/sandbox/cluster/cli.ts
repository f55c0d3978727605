// `npm run sandbox` (package.json: "sandbox": "tsx lib/sandbox/cluster/cli.ts"): the dev sandbox
// clusters alone, for kubectl experiments. Ctrl-C stops them; state stays in <data dir>/sandbox.
import path from "node:path";
import { LEGACY_SANDBOX_CLUSTER_NAME } from "../../seed/catalog";
import { adoptLegacySandboxState, DEFAULT_DEV_CLUSTERS, startDevSandboxes } from "./dev";

const dataDir = path.resolve(process.env.GANTRY_DATA_DIR || ".data", "sandbox");

await adoptLegacySandboxState(dataDir, LEGACY_SANDBOX_CLUSTER_NAME, DEFAULT_DEV_CLUSTERS[0]!.name);
const sandboxes = await startDevSandboxes({ dataDir });
for (const c of sandboxes.clusters) console.log(`sandbox: ${c.name} at ${c.url}`);
console.log(`sandbox: kubeconfig ${sandboxes.kubeconfigPath}`);
console.log(`sandbox: try  kubectl --kubeconfig ${sandboxes.kubeconfigPath} get deployments -A`);

let stopping = false;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    void sandboxes.stop().then(() => process.exit(0));
  });
}
