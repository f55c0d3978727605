import { Badge, type BadgeTone } from "@/components/ui/badge";
import { formatDate } from "@/components/ui/format";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import type { TokenView } from "@/lib/domain/tokens/token-view";
import { RevokeTokenButton } from "./revoke-token-button";

const STATUS_TONE: Record<string, BadgeTone> = { active: "success", expired: "warning", revoked: "neutral" };

export function TokensTable({
  label,
  tokens,
  serviceSlugs,
  showOwner = false,
}: {
  label: string;
  tokens: TokenView[];
  serviceSlugs: Record<string, string>;
  showOwner?: boolean;
}) {
  if (tokens.length === 0) return <p className="text-sm text-zinc-500 dark:text-zinc-400">No tokens yet.</p>;
  return (
    <Table label={label} className="relative">
      {/* relative: the sr-only "Actions" header is absolutely positioned and must stay inside the scroll region. */}
      <TableHead>
        <tr>
          <TableHeaderCell>Name</TableHeaderCell>
          {showOwner && <TableHeaderCell>Owner</TableHeaderCell>}
          <TableHeaderCell>Prefix</TableHeaderCell>
          <TableHeaderCell>Scopes</TableHeaderCell>
          <TableHeaderCell>Services</TableHeaderCell>
          <TableHeaderCell>Expires</TableHeaderCell>
          <TableHeaderCell>Last used</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell className="text-right">
            <span className="sr-only">Actions</span>
          </TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {tokens.map((token) => (
          <TableRow key={token.id} data-token-name={token.name}>
            <TableCell className="font-medium">{token.name}</TableCell>
            {showOwner && <TableCell>{token.owner.email}</TableCell>}
            <TableCell>
              <code className="font-mono text-xs">{token.prefix}…</code>
            </TableCell>
            <TableCell className="min-w-48 whitespace-normal">
              <span className="font-mono text-xs">{token.scopes.join(", ")}</span>
            </TableCell>
            <TableCell className="whitespace-normal">
              {token.serviceIds.length === 0 ? (
                <span className="text-zinc-500 dark:text-zinc-400">All reachable</span>
              ) : (
                <span className="font-mono text-xs">{token.serviceIds.map((id) => serviceSlugs[id] ?? "(hidden service)").join(", ")}</span>
              )}
            </TableCell>
            <TableCell className="text-zinc-600 dark:text-zinc-400">{token.expiresAt ? formatDate(token.expiresAt) : "Never"}</TableCell>
            <TableCell className="text-zinc-600 dark:text-zinc-400">{token.lastUsedAt ? <RelativeTime date={token.lastUsedAt} /> : "Never"}</TableCell>
            <TableCell>
              <Badge tone={STATUS_TONE[token.status] ?? "neutral"}>{token.status}</Badge>
            </TableCell>
            <TableCell className="text-right">{token.status === "active" && <RevokeTokenButton token={token} />}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
