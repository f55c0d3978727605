import { NotFoundState } from "@/components/ui/not-found-state";

export default function ServiceNotFound() {
  return (
    <NotFoundState title="Service not found" back={{ href: "/", label: "Back to pipelines" }}>
      It does not exist, or you have no role that lets you see it.
    </NotFoundState>
  );
}
