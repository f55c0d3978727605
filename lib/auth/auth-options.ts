import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/lib/db/client";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { teamSlugsFromGroups } from "./oidc-groups";
import { SignInError, signInWithPassword } from "./sign-in";

function headerValue(headers: unknown, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Upserts the OIDC user by subject (or email on first sign-in) and syncs team membership from groups. */
async function syncOidcUser(profile: Record<string, unknown>) {
  const db = getDb();
  const subject = String(profile.sub ?? "");
  const email = String(profile.email ?? "").toLowerCase();
  if (!subject || !email) return null;
  const name = String(profile.name ?? profile.preferred_username ?? email);
  const existing = await db.user.findFirst({ where: { OR: [{ oidcSubject: subject }, { email }] } });
  if (existing?.disabledAt) return null;
  const user = existing
    ? await db.user.update({ where: { id: existing.id }, data: { oidcSubject: subject, lastSignedInAt: new Date() } })
    : await db.user.create({ data: { email, name, oidcSubject: subject, lastSignedInAt: new Date() } });
  const teams = await db.team.findMany({ select: { id: true, slug: true } });
  const slugs = teamSlugsFromGroups(profile[env().OIDC_GROUPS_CLAIM], teams.map((t) => t.slug));
  const wanted = teams.filter((t) => slugs.includes(t.slug));
  await db.$transaction([
    db.teamMembership.deleteMany({ where: { userId: user.id, teamId: { notIn: wanted.map((t) => t.id) } } }),
    ...wanted.map((t) => db.teamMembership.upsert({ where: { teamId_userId: { teamId: t.id, userId: user.id } }, create: { teamId: t.id, userId: user.id }, update: {} })),
    db.auditEvent.create({ data: { actorUserId: user.id, actorLabel: email, action: "auth.sign_in", targetType: "User", targetId: user.id, after: { method: "oidc", teams: slugs } } }),
  ]);
  return user;
}

export function oidcConfigured() {
  const e = env();
  return Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
}

export function authOptions(): NextAuthOptions {
  const e = env();
  const providers: NextAuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        if (!credentials?.email || !credentials.password) return null;
        const ip = headerValue(req?.headers, "x-forwarded-for")?.split(",")[0]?.trim() || headerValue(req?.headers, "x-real-ip") || "unknown";
        try {
          return await signInWithPassword(getDb(), { email: credentials.email, password: credentials.password, ip });
        } catch (error) {
          // next-auth hands a thrown message to the login page; a plain null would hide "throttled".
          if (error instanceof SignInError) throw new Error(error.message);
          // Anything else is ours: its text (query, file paths) is for the log, not the login page.
          log.error("sign-in failed", { error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) });
          throw new Error("Sign-in failed on our side; try again in a moment.");
        }
      },
    }),
  ];
  if (e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET) {
    providers.push({
      id: "oidc",
      name: "Single sign-on",
      type: "oauth",
      wellKnown: `${e.OIDC_ISSUER.replace(/\/$/, "")}/.well-known/openid-configuration`,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
      idToken: true,
      checks: ["pkce", "state"],
      authorization: { params: { scope: "openid email profile groups" } },
      profile(profile: Record<string, unknown>) {
        return { id: String(profile.sub), email: String(profile.email ?? ""), name: String(profile.name ?? profile.email ?? "") };
      },
    });
  }
  return {
    secret: e.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/login", error: "/login" },
    providers,
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider !== "oidc") return true;
        const user = profile ? await syncOidcUser(profile as Record<string, unknown>) : null;
        if (!user) return false;
        account.gantryUserId = user.id;
        return true;
      },
      // The token carries only the user id; roles and the disabled flag are read from the database
      // on every request, so revoking access never waits for the token to expire.
      async jwt({ token, user, account }) {
        if (account?.provider === "oidc" && typeof account.gantryUserId === "string") token.sub = account.gantryUserId;
        else if (user) token.sub = user.id;
        return { sub: token.sub };
      },
      async session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.sub } };
      },
    },
  };
}
