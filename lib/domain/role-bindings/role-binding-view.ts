export const roleBindingSelect = {
  id: true,
  role: true,
  createdAt: true,
  user: { select: { id: true, email: true, name: true } },
  team: { select: { id: true, slug: true, name: true } },
  scopeTeam: { select: { id: true, slug: true } },
  scopeService: { select: { id: true, slug: true } },
  scopeEnvironment: { select: { id: true, name: true, service: { select: { slug: true } } } },
} as const;

type Row = {
  id: string;
  role: string;
  createdAt: Date;
  user: { id: string; email: string; name: string } | null;
  team: { id: string; slug: string; name: string } | null;
  scopeTeam: { id: string; slug: string } | null;
  scopeService: { id: string; slug: string } | null;
  scopeEnvironment: { id: string; name: string; service: { slug: string } } | null;
};

export function toRoleBindingView(row: Row) {
  const scope = row.scopeEnvironment
    ? { kind: "environment" as const, id: row.scopeEnvironment.id, label: `${row.scopeEnvironment.service.slug} / ${row.scopeEnvironment.name}` }
    : row.scopeService
      ? { kind: "service" as const, id: row.scopeService.id, label: row.scopeService.slug }
      : row.scopeTeam
        ? { kind: "team" as const, id: row.scopeTeam.id, label: `team ${row.scopeTeam.slug}` }
        : { kind: "global" as const, id: null, label: "global" };
  const subject = row.user
    ? { kind: "user" as const, id: row.user.id, label: row.user.email }
    : { kind: "team" as const, id: row.team!.id, label: `team ${row.team!.slug}` };
  return { id: row.id, role: row.role, subject, scope, createdAt: row.createdAt };
}

export type RoleBindingView = ReturnType<typeof toRoleBindingView>;
