import { FormError } from "@/components/settings/form-error";
import { BlockerList } from "./blocker-list";
import { ApiError, blockerMessages } from "./release-api";

/**
 * An API error next to the action that caused it. A policy refusal (422) or a freeze (423) lists
 * every blocker on its own line instead of the one long message that joins them.
 */
export function ReleaseError({ error, className }: { error: Error | null | undefined; className?: string }) {
  if (!error) return null;
  const blockers = blockerMessages(error);
  if (blockers.length > 0) {
    const title = error instanceof ApiError && error.status === 423 ? "Frozen: promotions wait until the freeze ends" : "Refused by policy";
    return (
      <div role="alert" className={className}>
        <BlockerList title={title} blockers={blockers} />
      </div>
    );
  }
  return <FormError error={error} className={className} />;
}
