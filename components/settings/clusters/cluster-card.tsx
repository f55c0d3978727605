"use client";

import { Pencil, PlugZap, Server } from "lucide-react";
import { useState } from "react";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import type { ClusterView } from "@/lib/domain/clusters/cluster-view";
import { ClusterForm } from "./cluster-form";
import { AUTH_KIND_LABELS } from "./cluster-request";
import { asConnectionReport, summarizeReport } from "./connection-report";
import { ConnectionTest } from "./connection-test";

export interface ClusterUsage {
  /** "payments-api / prod" for each environment bound to the cluster, with the other clusters it also deploys to. */
  environments: { label: string; namespace: string; alsoOn?: string[] }[];
}

/** "payments-api / prod (with prod-west)" for an environment that spans several clusters. */
export const usageLabel = (e: ClusterUsage["environments"][number]) => (e.alsoOn?.length ? `${e.label} (with ${e.alsoOn.join(", ")})` : e.label);

function health(lastCheckResult: unknown): { tone: BadgeTone; label: string; detail?: string } {
  const report = asConnectionReport(lastCheckResult);
  if (!report) return { tone: "neutral", label: "Never checked" };
  const summary = summarizeReport(report);
  if (summary.tone === "success") return { tone: "success", label: "Healthy" };
  if (summary.tone === "warning") return { tone: "warning", label: "Missing permissions", detail: summary.title };
  return { tone: "danger", label: "Failing", detail: report.problems[0] ?? summary.title };
}

/** One cluster: what it is, how Gantry authenticates, who uses it, its last health check; test and edit in place. */
export function ClusterCard({ cluster, usage }: { cluster: ClusterView; usage: ClusterUsage }) {
  const [panel, setPanel] = useState<"none" | "test" | "edit">("none");
  const state = health(cluster.lastCheckResult);
  const report = asConnectionReport(cluster.lastCheckResult);
  const toggle = (next: "test" | "edit") => setPanel((p) => (p === next ? "none" : next));
  const namespaces = [...new Set(usage.environments.map((e) => e.namespace))];

  return (
    <article aria-labelledby={`cluster-${cluster.id}-name`} data-cluster={cluster.name} className="rounded-lg border border-zinc-200 bg-white shadow-xs dark:border-zinc-800 dark:bg-zinc-900">
      <div className="flex flex-col gap-3 p-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="flex min-w-0 items-start gap-3">
          <div aria-hidden className="flex size-9 shrink-0 items-center justify-center rounded-md bg-zinc-100 text-zinc-500 dark:bg-zinc-800 dark:text-zinc-400">
            <Server className="size-4" />
          </div>
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-2">
              <h3 id={`cluster-${cluster.id}-name`} className="font-mono text-sm font-semibold text-zinc-900 dark:text-zinc-50">
                {cluster.name}
              </h3>
              <Badge tone={state.tone} dot>
                {state.label}
              </Badge>
              {cluster.insecureSkipTlsVerify && <Badge tone="warning">TLS not verified</Badge>}
            </div>
            <p className="mt-0.5 truncate font-mono text-xs text-zinc-500 dark:text-zinc-400" title={cluster.apiServerUrl}>
              {cluster.apiServerUrl}
            </p>
          </div>
        </div>
        <div className="flex shrink-0 gap-2">
          <Button size="sm" aria-expanded={panel === "test"} aria-label={`Test connection to ${cluster.name}`} onClick={() => toggle("test")}>
            <PlugZap aria-hidden />
            Test connection
          </Button>
          <Button size="sm" variant="ghost" aria-expanded={panel === "edit"} aria-label={`Edit ${cluster.name}`} onClick={() => toggle("edit")}>
            <Pencil aria-hidden />
            Edit
          </Button>
        </div>
      </div>

      <dl className="grid gap-x-6 gap-y-3 border-t border-zinc-100 px-4 py-3 text-sm sm:grid-cols-2 xl:grid-cols-4 dark:border-zinc-800">
        <div className="min-w-0">
          <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400">Authentication</dt>
          <dd className="mt-0.5 text-zinc-800 dark:text-zinc-200">{AUTH_KIND_LABELS[cluster.authKind]}</dd>
        </div>
        <div className="min-w-0">
          <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400">Credentials</dt>
          <dd className="mt-0.5 break-words text-zinc-800 dark:text-zinc-200">
            {cluster.credentials.startsWith("unreadable") ? <span className="text-red-700 dark:text-red-400">{cluster.credentials}</span> : cluster.credentials}
            {cluster.hasCaBundle && <span className="text-zinc-500 dark:text-zinc-400"> · CA bundle</span>}
          </dd>
        </div>
        <div className="min-w-0">
          <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400">Environments</dt>
          <dd className="mt-0.5 text-zinc-800 dark:text-zinc-200">
            {cluster.environments === 0 ? (
              <span className="text-zinc-500 dark:text-zinc-400">None yet</span>
            ) : (
              <span title={usage.environments.map(usageLabel).join("\n")}>
                {cluster.environments} {cluster.environments === 1 ? "environment" : "environments"}
                {usage.environments.length > 0 && (
                  <span className="block truncate text-xs text-zinc-500 dark:text-zinc-400">
                    {usage.environments
                      .slice(0, 3)
                      .map(usageLabel)
                      .join(", ")}
                    {usage.environments.length > 3 ? `, +${usage.environments.length - 3} more` : ""}
                  </span>
                )}
              </span>
            )}
          </dd>
        </div>
        <div className="min-w-0">
          <dt className="text-xs font-medium text-zinc-500 dark:text-zinc-400">Last check</dt>
          <dd className="mt-0.5 text-zinc-800 dark:text-zinc-200">
            {cluster.lastCheckedAt ? (
              <>
                <RelativeTime date={new Date(cluster.lastCheckedAt)} />
                {report?.server && <span className="text-zinc-500 dark:text-zinc-400"> · {report.server.gitVersion}</span>}
                {report?.latencyMs !== undefined && <span className="text-zinc-500 dark:text-zinc-400"> · {report.latencyMs} ms</span>}
                {state.detail && (
                  <span className={state.tone === "warning" ? "block text-xs break-words text-amber-800 dark:text-amber-300" : "block text-xs break-words text-red-700 dark:text-red-400"}>
                    {state.detail}
                  </span>
                )}
              </>
            ) : (
              <span className="text-zinc-500 dark:text-zinc-400">Not tested yet</span>
            )}
          </dd>
        </div>
      </dl>

      {panel === "test" && (
        <div className="border-t border-zinc-100 px-4 py-4 dark:border-zinc-800">
          <ConnectionTest clusterId={cluster.id} clusterName={cluster.name} defaultNamespace={namespaces[0]} />
        </div>
      )}
      {panel === "edit" && (
        <div className="border-t border-zinc-100 px-4 py-4 dark:border-zinc-800">
          <ClusterForm cluster={cluster} onDone={() => setPanel("none")} onCancel={() => setPanel("none")} />
        </div>
      )}
    </article>
  );
}
