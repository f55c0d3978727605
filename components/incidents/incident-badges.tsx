import { Badge, type BadgeTone } from "@/components/ui/badge";

const SEVERITY_TONES: Record<string, BadgeTone> = { critical: "danger", major: "danger", high: "danger", page: "danger", minor: "warning", warning: "warning", info: "info", low: "info" };

export function SeverityBadge({ severity }: { severity: string }) {
  return <Badge tone={SEVERITY_TONES[severity] ?? "neutral"}>{severity}</Badge>;
}

export function IncidentStatusBadge({ resolvedAt }: { resolvedAt: Date | string | null }) {
  return resolvedAt ? (
    <Badge tone="success" dot>
      Resolved
    </Badge>
  ) : (
    <Badge tone="danger" dot="pulse">
      Open
    </Badge>
  );
}
