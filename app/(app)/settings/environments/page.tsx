import { Layers } from "lucide-react";
import type { Metadata } from "next";
import { EnvironmentsTable } from "@/components/settings/environments/environments-table";
import { SectionHeading } from "@/components/settings/section-heading";
import { EmptyState } from "@/components/ui/empty-state";
import { requirePageActor } from "@/lib/auth/page-actor";
import { listManageableEnvironments } from "@/lib/domain/environments/list-manageable-environments";
import { DEFAULT_ANALYSIS_TEMPLATE } from "@/lib/metrics/default-template";

export const metadata: Metadata = { title: "Environments" };
export const dynamic = "force-dynamic";

export default async function EnvironmentsPage() {
  const actor = await requirePageActor("/settings/environments");
  const { services, defaults } = await listManageableEnvironments({ actor });
  return (
    <section aria-labelledby="environments-title" className="flex flex-col gap-4">
      <SectionHeading
        id="environments-title"
        title="Environments"
        description="Where each stage deploys, what a release must satisfy to get there, and how it is verified afterwards. Only environments you may manage are listed."
      />
      {services.length === 0 ? (
        <EmptyState icon={<Layers />} title="No environments you can manage">
          Changing an environment needs the <code className="font-mono">environment:manage</code> permission (the admin role) on it, its service or its team.
        </EmptyState>
      ) : (
        <div className="flex flex-col gap-6">
          {services.map((service) => (
            <section key={service.id} aria-labelledby={`service-${service.id}`} className="flex flex-col gap-2">
              <div className="flex flex-wrap items-baseline gap-x-2">
                <h3 id={`service-${service.id}`} className="text-sm font-semibold text-zinc-900 dark:text-zinc-100">
                  {service.name}
                </h3>
                <span className="font-mono text-xs text-zinc-500 dark:text-zinc-400">{service.slug}</span>
                <span className="text-xs text-zinc-500 dark:text-zinc-400">· {service.team.name}</span>
              </div>
              <EnvironmentsTable service={service} serverPrometheusUrl={defaults.prometheusUrl} defaultTemplate={DEFAULT_ANALYSIS_TEMPLATE} />
            </section>
          ))}
        </div>
      )}
    </section>
  );
}
