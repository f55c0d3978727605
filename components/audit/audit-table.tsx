import { formatAbsoluteTime } from "@/components/ui/format";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import type { AuditEventView } from "@/lib/domain/audit/list-audit-events";
import { ChangeSummaryList } from "./change-summary-list";

export interface ScopeNames {
  services: Record<string, string>;
  environments: Record<string, string>;
}

function shortId(id: string) {
  return /^[0-9a-f-]{36}$/i.test(id) ? id.slice(0, 8) : id;
}

export function AuditTable({ events, names }: { events: AuditEventView[]; names: ScopeNames }) {
  return (
    <Table label="Audit events">
      <TableHead>
        <tr>
          <TableHeaderCell>Time (UTC)</TableHeaderCell>
          <TableHeaderCell>Actor</TableHeaderCell>
          <TableHeaderCell>Action</TableHeaderCell>
          <TableHeaderCell>Target</TableHeaderCell>
          <TableHeaderCell>Service / environment</TableHeaderCell>
          <TableHeaderCell>Change</TableHeaderCell>
          <TableHeaderCell>Request</TableHeaderCell>
          <TableHeaderCell>IP</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {events.map((event) => (
          <TableRow key={event.id} className="align-top">
            <TableCell className="align-top font-mono text-xs text-zinc-600 dark:text-zinc-400">
              <time dateTime={event.occurredAt.toISOString()}>{formatAbsoluteTime(event.occurredAt).replace(" UTC", "")}</time>
            </TableCell>
            <TableCell className="max-w-64 truncate align-top" title={event.actorLabel}>
              {event.actorLabel}
            </TableCell>
            <TableCell className="align-top">
              <code className="font-mono text-xs">{event.action}</code>
            </TableCell>
            <TableCell className="align-top text-xs" title={`${event.targetType} ${event.targetId}`}>
              <span className="text-zinc-500 dark:text-zinc-400">{event.targetType}</span> <span className="font-mono">{shortId(event.targetId)}</span>
            </TableCell>
            <TableCell className="align-top text-xs">
              {event.serviceId ? (
                <span className="font-mono">
                  {names.services[event.serviceId] ?? shortId(event.serviceId)}
                  {event.environmentId && ` / ${names.environments[event.environmentId] ?? shortId(event.environmentId)}`}
                </span>
              ) : event.environmentId ? (
                <span className="font-mono">{names.environments[event.environmentId] ?? shortId(event.environmentId)}</span>
              ) : (
                <span className="text-zinc-400 dark:text-zinc-500">—</span>
              )}
            </TableCell>
            <TableCell className="max-w-96 min-w-56 align-top whitespace-normal">
              <ChangeSummaryList before={event.before} after={event.after} />
            </TableCell>
            <TableCell className="align-top font-mono text-xs text-zinc-500 dark:text-zinc-400" title={event.requestId ?? undefined}>
              {event.requestId ? shortId(event.requestId) : "—"}
            </TableCell>
            <TableCell className="align-top font-mono text-xs text-zinc-500 dark:text-zinc-400">{event.ip ?? "—"}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
