import { RotateCcw } from "lucide-react";
import Link from "next/link";
import { Digest } from "@/components/ui/digest";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import type { PromotionListItem } from "@/lib/domain/promotions/list-promotions";
import { PromotionStatusBadge } from "./promotion-status";

export function PromotionsTable({ promotions, now }: { promotions: PromotionListItem[]; now: Date }) {
  return (
    <Table label="Promotions">
      <TableHead>
        <tr>
          <TableHeaderCell>Service</TableHeaderCell>
          <TableHeaderCell>Environment</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell>Artifact</TableHeaderCell>
          <TableHeaderCell>Requested by</TableHeaderCell>
          <TableHeaderCell className="text-right">Created</TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {promotions.map((promotion) => (
          <TableRow key={promotion.id}>
            <TableCell>
              <span className="font-medium text-zinc-900 dark:text-zinc-100">{promotion.service.name}</span>
            </TableCell>
            <TableCell>
              <span className="inline-flex items-center gap-1.5">
                {promotion.environment.name}
                {promotion.kind === "Rollback" && (
                  <span title="Rollback" className="inline-flex items-center gap-1 text-xs text-zinc-500 dark:text-zinc-400">
                    <RotateCcw aria-hidden className="size-3" />
                    rollback
                  </span>
                )}
              </span>
            </TableCell>
            <TableCell>
              <PromotionStatusBadge status={promotion.status} />
            </TableCell>
            <TableCell>
              <Link href={`/promotions/${promotion.id}`} className="font-mono text-[13px] font-medium text-indigo-700 hover:underline dark:text-indigo-300">
                {promotion.artifact.version}
              </Link>{" "}
              <Digest value={promotion.artifact.imageDigest} className="ml-1" />
            </TableCell>
            <TableCell className="text-zinc-600 dark:text-zinc-300">
              {promotion.requester?.kind === "user" ? (
                <span title={promotion.requester.email}>{promotion.requester.name}</span>
              ) : promotion.requester?.kind === "token" ? (
                <span>
                  <span className="text-zinc-500 dark:text-zinc-400">API token </span>
                  {promotion.requester.name}
                </span>
              ) : (
                <span className="text-zinc-500 dark:text-zinc-400">—</span>
              )}
            </TableCell>
            <TableCell className="text-right text-zinc-500 dark:text-zinc-400">
              <RelativeTime date={promotion.createdAt} now={now} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
