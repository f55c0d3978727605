import { ShieldAlert } from "lucide-react";
import { EmptyState } from "@/components/ui/empty-state";

/** Shown instead of an admin section to someone who reached its URL without the permission. */
export function AdminOnlyNotice({ permission }: { permission: string }) {
  return (
    <EmptyState icon={<ShieldAlert />} title="You don't have access to this section">
      It needs the <code className="font-mono">{permission}</code> permission granted globally. Ask an administrator if you need it.
    </EmptyState>
  );
}
