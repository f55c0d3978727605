import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import type { RoleBindingView } from "@/lib/domain/role-bindings/role-binding-view";
import { RevokeRoleBindingButton } from "./revoke-role-binding-button";

export function RoleBindingsTable({ bindings }: { bindings: RoleBindingView[] }) {
  return (
    <Table label="All role bindings" className="relative">
      {/* relative: the sr-only "Actions" header is absolutely positioned and must stay inside the scroll region. */}
      <TableHead>
        <tr>
          <TableHeaderCell>Role</TableHeaderCell>
          <TableHeaderCell>Granted to</TableHeaderCell>
          <TableHeaderCell>Where</TableHeaderCell>
          <TableHeaderCell>Granted</TableHeaderCell>
          <TableHeaderCell className="text-right">
            <span className="sr-only">Actions</span>
          </TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {bindings.map((b) => (
          <TableRow key={b.id}>
            <TableCell className="font-medium">{b.role}</TableCell>
            <TableCell>{b.subject.label}</TableCell>
            <TableCell>{b.scope.label}</TableCell>
            <TableCell className="text-zinc-600 dark:text-zinc-400">
              <RelativeTime date={b.createdAt} />
            </TableCell>
            <TableCell className="text-right">
              <RevokeRoleBindingButton binding={{ id: b.id, role: b.role, subject: b.subject.label, scope: b.scope.label }} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
