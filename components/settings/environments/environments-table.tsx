import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { buttonClasses } from "@/components/ui/button";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import type { ManageableService } from "@/lib/domain/environments/list-manageable-environments";
import type { AnalysisTemplate } from "@/lib/metrics/template";
import { sameTemplate } from "./environment-form-model";

const muted = "block text-xs text-zinc-500 dark:text-zinc-400";

type Environment = ManageableService["environments"][number];

function plural(n: number, word: string) {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** The one-line summaries both layouts show. */
function summarize(env: Environment, serverPrometheusUrl: string | null, defaultTemplate: AnalysisTemplate) {
  const source = env.prometheusUrl ? "Own Prometheus" : serverPrometheusUrl ? "Server Prometheus" : null;
  const template =
    env.verificationTemplate && !sameTemplate(env.verificationTemplate, defaultTemplate)
      ? `custom template, ${plural(env.verificationTemplate.metrics.length, "metric")}`
      : "default template";
  return {
    target: `${env.namespace}/${env.workloadName} · ${env.containerName}`,
    policy: `${env.requiredApprovals === 0 ? "No approvals" : plural(env.requiredApprovals, "approval")}${env.minSoakMinutes > 0 ? ` · soak ${env.minSoakMinutes} min` : ""}`,
    policyDetail: [env.requireUpstreamSuccess && env.position > 0 ? "upstream required" : null, env.autoRollback ? "auto-rollback" : "manual rollback"]
      .filter(Boolean)
      .join(" · "),
    verification: source ? `${source} · ${env.verificationMinutes} min` : null,
    template,
  };
}

const href = (env: Environment) => `/settings/environments/${env.id}`;

/**
 * One service's environments in pipeline order: where each deploys, its policy and its
 * verification, with a link to change them. A table from `sm` up, a list of links on phones
 * (a sideways-scrolling table would hide the action).
 */
const clusterNames = (env: ManageableService["environments"][number]) => env.clusters.map((c) => c.name).join(", ");

export function EnvironmentsTable({
  service,
  serverPrometheusUrl,
  defaultTemplate,
}: {
  service: ManageableService;
  serverPrometheusUrl: string | null;
  defaultTemplate: AnalysisTemplate;
}) {
  const rows = service.environments.map((env) => ({ env, text: summarize(env, serverPrometheusUrl, defaultTemplate) }));
  return (
    <>
      <div className="hidden sm:block">
        <Table label={`Environments of ${service.slug}`} className="relative min-w-[44rem] table-fixed">
          <TableHead>
            <tr>
              <TableHeaderCell className="w-[15%]">Environment</TableHeaderCell>
              <TableHeaderCell className="w-[31%]">Deploys to</TableHeaderCell>
              <TableHeaderCell className="w-[22%]">Policy</TableHeaderCell>
              <TableHeaderCell className="w-[20%]">Verification</TableHeaderCell>
              <TableHeaderCell className="w-[12%] text-right">
                <span className="sr-only">Actions</span>
              </TableHeaderCell>
            </tr>
          </TableHead>
          <TableBody>
            {rows.map(({ env, text }) => (
              <TableRow key={env.id} data-environment={`${service.slug}/${env.name}`}>
                <TableCell>
                  <span className="flex items-center gap-2 font-medium text-zinc-900 dark:text-zinc-100">
                    {env.name}
                    {env.isProduction && <Badge tone="warning">PROD</Badge>}
                  </span>
                </TableCell>
                <TableCell className="truncate">
                  {env.clusters.length > 0 ? (
                    <span className="block truncate font-mono text-xs text-zinc-800 dark:text-zinc-200" title={clusterNames(env)}>
                      {clusterNames(env)}
                    </span>
                  ) : (
                    <Badge tone="warning">No cluster</Badge>
                  )}
                  <span className={`${muted} truncate font-mono`} title={text.target}>
                    {text.target}
                  </span>
                </TableCell>
                <TableCell className="truncate">
                  <span className="block truncate text-zinc-800 dark:text-zinc-200">{text.policy}</span>
                  <span className={`${muted} truncate`}>{text.policyDetail}</span>
                </TableCell>
                <TableCell className="truncate">
                  {text.verification ? (
                    <>
                      <span className="block truncate text-zinc-800 dark:text-zinc-200">{text.verification}</span>
                      <span className={`${muted} truncate`}>{text.template}</span>
                    </>
                  ) : (
                    <Badge tone="neutral">Off</Badge>
                  )}
                </TableCell>
                <TableCell className="text-right">
                  <Link href={href(env)} aria-label={`Configure ${service.slug} / ${env.name}`} className={buttonClasses({ size: "sm" })}>
                    Configure
                  </Link>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </div>
      <ul
        aria-label={`Environments of ${service.slug}`}
        className="divide-y divide-zinc-100 rounded-lg border border-zinc-200 bg-white shadow-xs sm:hidden dark:divide-zinc-800 dark:border-zinc-800 dark:bg-zinc-900"
      >
        {rows.map(({ env, text }) => (
          <li key={env.id}>
            <Link href={href(env)} aria-label={`Configure ${service.slug} / ${env.name}`} className="flex items-center gap-3 px-4 py-3 hover:bg-zinc-50 dark:hover:bg-zinc-800/40">
              <div className="min-w-0 flex-1 text-sm">
                <span className="flex items-center gap-2 font-medium text-zinc-900 dark:text-zinc-100">
                  {env.name}
                  {env.isProduction && <Badge tone="warning">PROD</Badge>}
                  {env.clusters.length === 0 && <Badge tone="warning">No cluster</Badge>}
                </span>
                <span className={`${muted} truncate font-mono`}>
                  {env.clusters.length > 0 ? `${clusterNames(env)} · ` : ""}
                  {text.target}
                </span>
                <span className={muted}>
                  {text.policy} · {text.policyDetail}
                </span>
                <span className={muted}>{text.verification ? `${text.verification} · ${text.template}` : "Verification off"}</span>
              </div>
              <ChevronRight aria-hidden className="size-4 shrink-0 text-zinc-400" />
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
