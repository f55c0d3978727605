import { ChevronRight, ShieldAlert } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { PolicySection } from "@/components/settings/environments/policy-section";
import { SupplyChainSection } from "@/components/settings/environments/supply-chain-section";
import { TargetSection } from "@/components/settings/environments/target-section";
import { TemplateEditor } from "@/components/settings/environments/template-editor";
import { VerificationSection } from "@/components/settings/environments/verification-section";
import { Badge } from "@/components/ui/badge";
import { EmptyState } from "@/components/ui/empty-state";
import { RelativeTime } from "@/components/ui/relative-time";
import { can, GLOBAL } from "@/lib/auth/authorize";
import { requirePageActor } from "@/lib/auth/page-actor";
import { getEnvironmentSettings } from "@/lib/domain/environments/list-manageable-environments";
import { AppError } from "@/lib/http/errors";
import { DEFAULT_ANALYSIS_TEMPLATE } from "@/lib/metrics/default-template";

export const dynamic = "force-dynamic";

type Params = Promise<{ id: string }>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const load = cache(async (id: string) => {
  if (!UUID.test(id)) notFound();
  const actor = await requirePageActor(`/settings/environments/${id}`);
  try {
    return { actor, settings: await getEnvironmentSettings({ actor }, id) };
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    if (error instanceof AppError && error.code === "forbidden") return { actor, settings: null };
    throw error;
  }
});

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { settings } = await load((await params).id);
  return { title: settings ? `${settings.service.slug} / ${settings.environment.name}` : "Environment" };
}

export default async function EnvironmentSettingsPage({ params }: { params: Params }) {
  const { actor, settings } = await load((await params).id);
  if (!settings) {
    return (
      <EmptyState icon={<ShieldAlert />} title="You can't change this environment">
        It needs the <code className="font-mono">environment:manage</code> permission on it, its service or its team. Ask an administrator if you need it.
      </EmptyState>
    );
  }
  const { service, environment, upstream, clusters, defaults } = settings;
  const label = `${service.slug} / ${environment.name}`;
  return (
    <div className="flex flex-col gap-4">
      <nav aria-label="Breadcrumb" className="text-sm text-zinc-500 dark:text-zinc-400">
        <ol className="flex flex-wrap items-center gap-1">
          <li>
            <Link href="/settings/environments" className="hover:text-zinc-900 hover:underline dark:hover:text-zinc-100">
              Environments
            </Link>
          </li>
          <li aria-hidden>
            <ChevronRight className="size-3.5" />
          </li>
          <li>
            <Link href={`/services/${service.slug}`} className="hover:text-zinc-900 hover:underline dark:hover:text-zinc-100">
              {service.name}
            </Link>
          </li>
          <li aria-hidden>
            <ChevronRight className="size-3.5" />
          </li>
          <li aria-current="page">{environment.name}</li>
        </ol>
      </nav>
      <div>
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="font-mono text-base font-semibold text-zinc-900 dark:text-zinc-50">{label}</h2>
          {environment.isProduction && <Badge tone="warning">PROD</Badge>}
        </div>
        <p className="mt-0.5 text-sm text-zinc-500 dark:text-zinc-400">
          Stage {environment.position + 1} of the pipeline{upstream ? `, after ${upstream.name}` : ""}. Each section saves on its own; every change is recorded in the
          audit trail. Last changed <RelativeTime date={environment.updatedAt} />.
        </p>
      </div>
      <TargetSection environmentId={environment.id} environment={environment} clusters={clusters} canManageClusters={can(actor, "cluster:manage", GLOBAL)} />
      <PolicySection environmentId={environment.id} environment={environment} upstreamName={upstream?.name ?? null} />
      <SupplyChainSection environmentId={environment.id} environment={environment} label={label} />
      <VerificationSection environmentId={environment.id} environment={environment} serverDefaultUrl={defaults.prometheusUrl} />
      <TemplateEditor
        environmentId={environment.id}
        template={environment.verificationTemplate ?? DEFAULT_ANALYSIS_TEMPLATE}
        isDefault={environment.verificationTemplate === null}
        defaultTemplate={DEFAULT_ANALYSIS_TEMPLATE}
        variables={{ service: service.slug, namespace: environment.namespace, environment: environment.name }}
        environmentNoData={environment.noDataPolicy}
      />
    </div>
  );
}
