import { Badge } from "@/components/ui/badge";
import type { AnalysisStatus, AnalysisVerdict, MetricStatus } from "@/lib/domain/analyses/analysis-view";
import { analysisBadge, METRIC_STATUS_DISPLAY } from "./analysis-format";

/** An analysis's verdict, or its state while it is still open ("Collecting", "Judging"). */
export function VerdictBadge({ analysis, className }: { analysis: { status: AnalysisStatus; verdict: AnalysisVerdict | null }; className?: string }) {
  const { label, tone, live } = analysisBadge(analysis);
  return (
    <Badge tone={tone} dot={live ? "pulse" : true} className={className}>
      {label}
    </Badge>
  );
}

export function MetricStatusBadge({ status, className }: { status: MetricStatus; className?: string }) {
  const { label, tone, meaning } = METRIC_STATUS_DISPLAY[status];
  return (
    <Badge tone={tone} dot title={meaning} className={className}>
      {label}
    </Badge>
  );
}
