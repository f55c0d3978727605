import { Activity } from "lucide-react";
import type { Metadata } from "next";
import { ComingSoon } from "@/components/shell/coming-soon";

export const metadata: Metadata = { title: "Metrics" };

export default function MetricsPage() {
  return (
    <ComingSoon
      title="Metrics"
      description="How each release changed the service's behaviour."
      icon={<Activity />}
      capability="release verification with Prometheus comparison"
      points={[
        { title: "Before and after", body: "Error rate, latency and saturation in a window before the deployment compared with the same window after it." },
        { title: "A verdict with reasons", body: "Pass, marginal, fail or inconclusive per metric, with the statistical test and threshold that decided it." },
        { title: "Automatic rollback", body: "A failed verification rolls the environment back to its last known-good artifact when its policy says so." },
        { title: "Your Prometheus", body: "Queries run against the Prometheus each environment is configured with, through its HTTP API." },
      ]}
    />
  );
}
