import { SearchX } from "lucide-react";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function AnalysisNotFound() {
  return (
    <EmptyState
      icon={<SearchX />}
      title="Analysis not found"
      action={
        <Link href="/metrics" className={buttonClasses({ variant: "secondary" })}>
          Recent analyses
        </Link>
      }
    >
      It does not exist, or it belongs to a service you cannot see.
    </EmptyState>
  );
}
