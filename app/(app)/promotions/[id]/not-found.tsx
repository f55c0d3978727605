import { SearchX } from "lucide-react";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function PromotionNotFound() {
  return (
    <EmptyState
      icon={<SearchX />}
      title="Promotion not found"
      action={
        <Link href="/promotions" className={buttonClasses({ variant: "secondary" })}>
          All promotions
        </Link>
      }
    >
      It does not exist, or it belongs to a service you cannot see.
    </EmptyState>
  );
}
