import { NotFoundState } from "@/components/ui/not-found-state";

export default function AnalysisNotFound() {
  return (
    <NotFoundState title="Analysis not found" back={{ href: "/metrics", label: "Recent analyses" }}>
      It does not exist, or it belongs to a service you cannot see.
    </NotFoundState>
  );
}
