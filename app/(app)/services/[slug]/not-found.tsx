import { SearchX } from "lucide-react";
import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function ServiceNotFound() {
  return (
    <EmptyState
      icon={<SearchX />}
      title="Service not found"
      action={
        <Link href="/" className={buttonClasses({ variant: "secondary" })}>
          Back to pipelines
        </Link>
      }
    >
      It does not exist, or you have no role that lets you see it.
    </EmptyState>
  );
}
