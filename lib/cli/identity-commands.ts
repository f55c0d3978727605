import type { SystemActor } from "@/lib/auth/actor";
import { loadUserActor } from "@/lib/auth/load-actor";
import { ACTIONS, ROLES, isAction, roleAllows } from "@/lib/auth/permissions";
import type { Db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/enums";
import { createRoleBinding } from "@/lib/domain/role-bindings/create-role-binding";
import { createApiToken } from "@/lib/domain/tokens/create-api-token";
import { createUser, createUserInput } from "@/lib/domain/users/create-user";
import { AppError } from "@/lib/http/errors";
import { CliError, flag, flags, type CliCommand } from "./commands";
import { withDatabase } from "./with-database";

/** The CLI runs with direct database access, so it acts as the system (audited as `system:cli`). */
const CLI_ACTOR: SystemActor = { kind: "system", name: "cli" };
const cliContext = { actor: CLI_ACTOR, requestId: "cli" };

/** `ROLE[:service[/environment]]`, e.g. `admin`, `deployer:payments-api`, `approver:payments-api/prod`. */
export async function parseRoleSpec(db: Db, spec: string) {
  const match = /^([a-z]+)(?::([a-z0-9-]+)(?:\/([a-z0-9-]+))?)?$/.exec(spec.trim());
  if (!match || !(ROLES as readonly string[]).includes(match[1]!)) {
    throw new CliError(`--role "${spec}" must be ROLE[:service[/environment]] with ROLE one of ${ROLES.join(", ")}`);
  }
  const role = match[1] as Role;
  const [, , serviceSlug, environmentName] = match;
  if (!serviceSlug) return { role, scope: { kind: "global" as const } };
  const service = await db.service.findUnique({ where: { slug: serviceSlug }, select: { id: true, environments: { select: { id: true, name: true } } } });
  if (!service) throw new CliError(`--role "${spec}": no service "${serviceSlug}"`);
  if (!environmentName) return { role, scope: { kind: "service" as const, serviceId: service.id } };
  const environment = service.environments.find((e) => e.name === environmentName);
  if (!environment) throw new CliError(`--role "${spec}": service "${serviceSlug}" has no environment "${environmentName}"`);
  return { role, scope: { kind: "environment" as const, environmentId: environment.id } };
}

function explain(error: unknown): never {
  if (error instanceof AppError) throw new CliError(error.details ? `${error.message} ${JSON.stringify(error.details)}` : error.message);
  throw error;
}

export const identityCommands: CliCommand[] = [
  {
    name: "user create",
    summary: "Create a user with a password and role bindings",
    usage: "user create --email E --name N --password P [--role ROLE[:service[/environment]]]...",
    async run(args) {
      const parsed = createUserInput.safeParse({ email: flag(args, "email", true), name: flag(args, "name", true), password: flag(args, "password", true) });
      if (!parsed.success) throw new CliError(parsed.error.issues.map((i) => `--${i.path.join(".")}: ${i.message}`).join("; "));
      await withDatabase(async (db) => {
        const roles = await Promise.all(flags(args, "role").map((spec) => parseRoleSpec(db, spec)));
        const user = await createUser(cliContext, parsed.data).catch(explain);
        for (const { role, scope } of roles) await createRoleBinding(cliContext, { role, subject: { userId: user.id }, scope }).catch(explain);
        console.log(`Created user ${user.email} (${user.id})${roles.length ? ` with ${flags(args, "role").join(", ")}` : ""}`);
      });
    },
  },
  {
    name: "token create",
    summary: "Create an API token for a user; prints the token alone on the last line",
    usage: `token create --email E --name N [--scope ACTION]... [--service SLUG]... [--expires-in-days 90]\n  scopes: ${ACTIONS.join(", ")} (default: every permission the user holds)`,
    async run(args) {
      const email = flag(args, "email", true).toLowerCase();
      const name = flag(args, "name", true);
      const scopes = flags(args, "scope");
      const invalid = scopes.filter((s) => !isAction(s));
      if (invalid.length) throw new CliError(`unknown --scope ${invalid.join(", ")}; valid: ${ACTIONS.join(", ")}`);
      const expires = flag(args, "expires-in-days");
      await withDatabase(async (db) => {
        const user = await db.user.findUnique({ where: { email }, select: { id: true } });
        const actor = user ? await loadUserActor(db, user.id) : null;
        if (!actor) throw new CliError(`no active user with email ${email}`);
        const held = ACTIONS.filter((a) => actor.bindings.some((b) => roleAllows(b.role, a)));
        const serviceSlugs = flags(args, "service");
        const services = await db.service.findMany({ where: { slug: { in: serviceSlugs } }, select: { id: true, slug: true } });
        const missing = serviceSlugs.filter((slug) => !services.some((s) => s.slug === slug));
        if (missing.length) throw new CliError(`no service ${missing.join(", ")}`);
        const { token, apiToken } = await createApiToken(
          { actor, requestId: "cli" },
          { name, scopes: (scopes.length ? scopes : held) as typeof held, serviceIds: services.map((s) => s.id), ...(expires ? { expiresInDays: Number(expires) } : {}) },
        ).catch(explain);
        console.log(`Created token "${apiToken.name}" (${apiToken.prefix}…) for ${email}, scopes: ${apiToken.scopes.join(", ")}, expires ${apiToken.expiresAt?.toISOString()}`);
        console.log(token);
      });
    },
  },
];
