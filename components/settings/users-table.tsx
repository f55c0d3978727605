import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from "@/components/ui/table";
import type { UserView } from "@/lib/domain/users/user-view";
import { RoleList } from "./role-list";
import { UserRowActions } from "./user-row-actions";
import type { UserRole } from "./user-roles";

export function UsersTable({ users, roles, currentUserId }: { users: UserView[]; roles: Map<string, UserRole[]>; currentUserId: string }) {
  return (
    <Table label="All users" className="relative">
      {/* relative: the sr-only "Actions" header is absolutely positioned and must stay inside the scroll region. */}
      <TableHead>
        <tr>
          <TableHeaderCell>User</TableHeaderCell>
          <TableHeaderCell>Teams</TableHeaderCell>
          <TableHeaderCell>Roles</TableHeaderCell>
          <TableHeaderCell>Status</TableHeaderCell>
          <TableHeaderCell>Last sign-in</TableHeaderCell>
          <TableHeaderCell className="text-right">
            <span className="sr-only">Actions</span>
          </TableHeaderCell>
        </tr>
      </TableHead>
      <TableBody>
        {users.map((user) => (
          <TableRow key={user.id} data-user-email={user.email}>
            <TableCell>
              <span className="block font-medium">
                {user.name}
                {user.id === currentUserId && <span className="ml-1.5 text-xs font-normal text-zinc-500 dark:text-zinc-400">(you)</span>}
              </span>
              <span className="block text-xs text-zinc-500 dark:text-zinc-400">{user.email}</span>
            </TableCell>
            <TableCell className="whitespace-normal">
              {user.teams.length ? user.teams.map((t) => t.slug).join(", ") : <span className="text-zinc-400 dark:text-zinc-500">—</span>}
            </TableCell>
            <TableCell className="text-sm whitespace-normal">
              <RoleList roles={roles.get(user.id) ?? []} />
            </TableCell>
            <TableCell>
              {user.disabled ? (
                <Badge tone="danger">Disabled</Badge>
              ) : (
                <Badge tone="success" dot>
                  Active
                </Badge>
              )}
              {user.signInMethod === "oidc" && <span className="ml-1.5 text-xs text-zinc-500 dark:text-zinc-400">SSO</span>}
            </TableCell>
            <TableCell className="text-zinc-600 dark:text-zinc-400">{user.lastSignedInAt ? <RelativeTime date={user.lastSignedInAt} /> : "Never"}</TableCell>
            <TableCell className="text-right">
              <UserRowActions user={user} isSelf={user.id === currentUserId} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
