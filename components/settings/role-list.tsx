import type { UserRole } from "./user-roles";

/** "deployer on team payments (via payments)" lines; compact enough for a table cell. */
export function RoleList({ roles }: { roles: readonly UserRole[] }) {
  if (roles.length === 0) return <span className="text-zinc-400 dark:text-zinc-500">No roles</span>;
  return (
    <ul className="flex flex-col gap-0.5">
      {roles.map((r) => (
        <li key={`${r.bindingId}-${r.via}`}>
          <span className="font-medium">{r.role}</span> <span className="text-zinc-600 dark:text-zinc-400">on {r.scope}</span>
          {r.via !== "direct" && <span className="text-xs text-zinc-500 dark:text-zinc-400"> (via team {r.via})</span>}
        </li>
      ))}
    </ul>
  );
}
