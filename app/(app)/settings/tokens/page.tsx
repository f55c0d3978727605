import type { Metadata } from "next";
import { CreateTokenForm } from "@/components/settings/create-token-form";
import { heldPermissions } from "@/components/settings/held-permissions";
import { SectionHeading } from "@/components/settings/section-heading";
import { TokensTable } from "@/components/settings/tokens-table";
import { can, GLOBAL } from "@/lib/auth/authorize";
import { requirePageActor } from "@/lib/auth/page-actor";
import { listServiceScopes } from "@/lib/domain/services/list-service-scopes";
import { listApiTokens } from "@/lib/domain/tokens/list-api-tokens";

export const metadata: Metadata = { title: "API tokens" };

export default async function TokensPage() {
  const actor = await requirePageActor("/settings/tokens");
  const ctx = { actor };
  const admin = can(actor, "token:manage", GLOBAL);
  const [mine, all, services] = await Promise.all([
    listApiTokens(ctx),
    admin ? listApiTokens(ctx, { all: true }) : Promise.resolve(null),
    listServiceScopes(ctx),
  ]);
  const serviceSlugs = Object.fromEntries(services.map((s) => [s.id, s.slug]));
  return (
    <div className="flex flex-col gap-8">
      <section aria-labelledby="tokens-title" className="flex flex-col gap-4">
        <SectionHeading
          id="tokens-title"
          title="Your API tokens"
          description="For CI and scripts: send Authorization: Bearer <token>. A token never has more power than you have at the time it is used."
        />
        <CreateTokenForm heldScopes={heldPermissions(actor.bindings)} services={services.map((s) => ({ id: s.id, slug: s.slug }))} />
        <TokensTable label="Your tokens" tokens={mine} serviceSlugs={serviceSlugs} />
      </section>
      {all && (
        <section aria-labelledby="all-tokens-title" className="flex flex-col gap-4">
          <SectionHeading id="all-tokens-title" title="All tokens" description="Every person's tokens. Revoke any that should no longer work." />
          <TokensTable label="Everyone's tokens" tokens={all} serviceSlugs={serviceSlugs} showOwner />
        </section>
      )}
    </div>
  );
}
