import { Server } from "lucide-react";
import type { Metadata } from "next";
import { AdminOnlyNotice } from "@/components/settings/admin-only-notice";
import { AddCluster } from "@/components/settings/clusters/add-cluster";
import { ClusterCard, type ClusterUsage } from "@/components/settings/clusters/cluster-card";
import { SectionHeading } from "@/components/settings/section-heading";
import { EmptyState } from "@/components/ui/empty-state";
import { can, GLOBAL } from "@/lib/auth/authorize";
import { requirePageActor } from "@/lib/auth/page-actor";
import { listClusters } from "@/lib/domain/clusters/manage-clusters";
import { listManageableEnvironments } from "@/lib/domain/environments/list-manageable-environments";

export const metadata: Metadata = { title: "Clusters" };
export const dynamic = "force-dynamic";

export default async function ClustersPage() {
  const actor = await requirePageActor("/settings/clusters");
  if (!can(actor, "cluster:manage", GLOBAL)) return <AdminOnlyNotice permission="cluster:manage" />;
  const ctx = { actor };
  const [clusters, manageable] = await Promise.all([listClusters(ctx), listManageableEnvironments(ctx)]);
  const usage = new Map<string, ClusterUsage>();
  for (const service of manageable.services) {
    for (const environment of service.environments) {
      for (const cluster of environment.clusters) {
        const entry = usage.get(cluster.id) ?? { environments: [] };
        const others = environment.clusters.filter((c) => c.id !== cluster.id).map((c) => c.name);
        entry.environments.push({ label: `${service.slug} / ${environment.name}`, namespace: environment.namespace, alsoOn: others });
        usage.set(cluster.id, entry);
      }
    }
  }
  return (
    <section aria-labelledby="clusters-title" className="flex flex-col gap-4">
      <SectionHeading
        id="clusters-title"
        title="Clusters"
        description="The Kubernetes API servers Gantry deploys to. Credentials are encrypted at rest and never shown again; test a connection to see what Gantry may do."
      />
      <AddCluster />
      {clusters.length === 0 ? (
        <EmptyState icon={<Server />} title="No clusters yet">
          Add the first cluster, then bind environments to it in Settings → Environments.
        </EmptyState>
      ) : (
        <div role="list" aria-label="Clusters" className="flex flex-col gap-3">
          {clusters.map((cluster) => (
            <div role="listitem" key={cluster.id}>
              <ClusterCard cluster={cluster} usage={usage.get(cluster.id) ?? { environments: [] }} />
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
