import { NotFoundState } from "@/components/ui/not-found-state";

export default function PromotionNotFound() {
  return (
    <NotFoundState title="Promotion not found" back={{ href: "/promotions", label: "All promotions" }}>
      It does not exist, or it belongs to a service you cannot see.
    </NotFoundState>
  );
}
