import { AlertTriangle, CheckCircle2, CircleX, XCircle } from "lucide-react";
import { cn } from "@/components/ui/cn";
import type { ConnectionReport } from "@/lib/clusters/test-connection";
import { DEPLOYMENT_VERBS, summarizeReport, type ReportTone } from "./connection-report";

const toneClasses: Record<ReportTone, string> = {
  success: "bg-emerald-50 text-emerald-900 ring-emerald-600/20 dark:bg-emerald-500/10 dark:text-emerald-200 dark:ring-emerald-400/25",
  warning: "bg-amber-50 text-amber-900 ring-amber-600/25 dark:bg-amber-500/10 dark:text-amber-200 dark:ring-amber-400/25",
  danger: "bg-red-50 text-red-900 ring-red-600/20 dark:bg-red-500/10 dark:text-red-200 dark:ring-red-400/30",
};

const ToneIcon = ({ tone }: { tone: ReportTone }) =>
  tone === "success" ? <CheckCircle2 aria-hidden className="size-5 shrink-0" /> : tone === "warning" ? <AlertTriangle aria-hidden className="size-5 shrink-0" /> : <XCircle aria-hidden className="size-5 shrink-0" />;

/** The outcome of "Test connection": what works, what does not, and what to do about it. */
export function ConnectionReportView({ report, label }: { report: ConnectionReport; label: string }) {
  const summary = summarizeReport(report);
  return (
    <div role="region" aria-label={label} className={cn("flex flex-col gap-3 rounded-md px-3 py-3 text-sm ring-1 ring-inset", toneClasses[summary.tone])}>
      <div className="flex items-start gap-2">
        <ToneIcon tone={summary.tone} />
        <div className="min-w-0">
          <p className="font-medium">{summary.title}</p>
          {summary.hint && <p className="mt-0.5 opacity-90">{summary.hint}</p>}
        </div>
      </div>
      {(report.server || report.latencyMs !== undefined) && (
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 pl-7">
          {report.server && (
            <>
              <dt className="opacity-75">Kubernetes</dt>
              <dd className="font-mono text-xs leading-5">
                {report.server.gitVersion}
                {report.server.platform ? ` (${report.server.platform})` : ""}
              </dd>
            </>
          )}
          {report.latencyMs !== undefined && (
            <>
              <dt className="opacity-75">Latency</dt>
              <dd>{report.latencyMs} ms</dd>
            </>
          )}
        </dl>
      )}
      {report.permissions && (
        <div className="pl-7">
          <p className="mb-1 opacity-75">Deployments in “{report.namespace}”</p>
          <ul aria-label="Permissions" className="flex flex-col gap-1">
            {DEPLOYMENT_VERBS.map(({ verb, why }) => {
              const allowed = report.permissions![verb];
              return (
                <li key={verb} className="flex items-start gap-2">
                  {allowed ? (
                    <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0 text-emerald-600 dark:text-emerald-400" />
                  ) : (
                    <CircleX aria-hidden className="mt-0.5 size-4 shrink-0 text-red-600 dark:text-red-400" />
                  )}
                  <span>
                    <span className="font-mono text-xs font-semibold">{verb}</span>
                    <span className="sr-only"> {allowed ? "allowed" : "denied"}</span>
                    <span className="opacity-80"> — {why}</span>
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      )}
      {report.problems.length > 0 && !report.permissions && (
        <ul aria-label="Problems" className="list-disc pl-12 break-words">
          {report.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
