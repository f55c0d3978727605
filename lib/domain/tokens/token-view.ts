export const tokenViewSelect = {
  id: true,
  name: true,
  prefix: true,
  scopes: true,
  serviceIds: true,
  expiresAt: true,
  lastUsedAt: true,
  revokedAt: true,
  createdAt: true,
  user: { select: { id: true, email: true } },
} as const;

export function toTokenView(row: {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  serviceIds: string[];
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  createdAt: Date;
  user: { id: string; email: string };
}, now = new Date()) {
  const status = row.revokedAt ? "revoked" : row.expiresAt && row.expiresAt <= now ? "expired" : "active";
  return { ...row, owner: row.user, status };
}

export type TokenView = ReturnType<typeof toTokenView>;
