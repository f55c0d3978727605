/** What the API and Settings show of a user: never the password hash. */
export const userViewSelect = {
  id: true,
  email: true,
  name: true,
  disabledAt: true,
  lastSignedInAt: true,
  createdAt: true,
  oidcSubject: true,
  memberships: { select: { team: { select: { id: true, slug: true, name: true } } } },
} as const;

export function toUserView(user: {
  id: string;
  email: string;
  name: string;
  disabledAt: Date | null;
  lastSignedInAt: Date | null;
  createdAt: Date;
  oidcSubject: string | null;
  memberships: { team: { id: string; slug: string; name: string } }[];
}) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    disabled: user.disabledAt !== null,
    disabledAt: user.disabledAt,
    lastSignedInAt: user.lastSignedInAt,
    createdAt: user.createdAt,
    signInMethod: user.oidcSubject ? "oidc" : "password",
    teams: user.memberships.map((m) => m.team),
  };
}

export type UserView = ReturnType<typeof toUserView>;
