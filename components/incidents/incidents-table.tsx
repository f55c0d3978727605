import Link from "next/link";
import { formatSeconds, formatWhen } from "@/components/dora/dora-format";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import type { IncidentView } from "@/lib/domain/incidents/incident-view";
import { IncidentStatusBadge, SeverityBadge } from "./incident-badges";

export function IncidentsTable({ incidents }: { incidents: IncidentView[] }) {
  return (
    <Table label="Incidents">
      <TableHead>
        <tr>
          <TableHeaderCell>Opened</TableHeaderCell>
          <TableHeaderCell>Incident</TableHeaderCell>
          <TableHeaderCell>Service</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell className="text-right">Duration</TableHeaderCell>
          <TableHeaderCell>Caused by</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {incidents.map((incident) => (
          <TableRow key={incident.id}>
            <TableCell className="font-mono text-xs">{formatWhen(incident.openedAt)}</TableCell>
            <TableCell className="max-w-md whitespace-normal">
              <Link href={`/incidents/${incident.id}`} className="font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                {incident.title}
              </Link>
              <span className="mt-0.5 flex items-center gap-1.5 text-xs text-zinc-600 dark:text-zinc-400">
                <SeverityBadge severity={incident.severity} /> {incident.source}
              </span>
            </TableCell>
            <TableCell>
              {incident.service.name}
              {incident.environment && <span className="text-zinc-500 dark:text-zinc-400"> / {incident.environment.name}</span>}
            </TableCell>
            <TableCell>
              <IncidentStatusBadge resolvedAt={incident.resolvedAt} />
            </TableCell>
            <TableCell className="text-right tabular-nums">{incident.durationSeconds === null ? "—" : formatSeconds(incident.durationSeconds)}</TableCell>
            <TableCell className="text-xs">
              {incident.deployment ? (
                <span className="font-mono">
                  {incident.deployment.artifact.version}
                  {incident.deployment.isRollback && <span className="font-sans text-zinc-500 dark:text-zinc-400"> (rollback)</span>}
                </span>
              ) : (
                <span className="text-zinc-500 dark:text-zinc-400">Not linked</span>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
