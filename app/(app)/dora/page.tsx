import { Gauge } from "lucide-react";
import type { Metadata } from "next";
import { ComingSoon } from "@/components/shell/coming-soon";

export const metadata: Metadata = { title: "DORA" };

export default function DoraPage() {
  return (
    <ComingSoon
      title="DORA"
      description="Delivery performance from what actually ran in production."
      icon={<Gauge />}
      capability="DORA metrics"
      points={[
        { title: "Deployment frequency", body: "How often each service reaches production, per day, week or month." },
        { title: "Lead time for changes", body: "From commit to running in production, using every commit each artifact carries." },
        { title: "Change failure rate", body: "The share of production deployments that failed, were rolled back or caused an incident." },
        { title: "Time to restore", body: "How long incidents and failed deployments took to resolve, with elite-to-low classification." },
      ]}
    />
  );
}
