import type { EffectiveBinding } from "@/lib/auth/actor";
import { ACTIONS, PERMISSIONS, type Action } from "@/lib/auth/permissions";

/**
 * The permissions a person holds anywhere (the union over their role bindings), in matrix order.
 * A new API token may carry only these; the server checks the same rule when it mints the token.
 */
export function heldPermissions(bindings: readonly Pick<EffectiveBinding, "role">[]): Action[] {
  const held = new Set<Action>(bindings.flatMap((b) => PERMISSIONS[b.role] as readonly Action[]));
  return ACTIONS.filter((action) => held.has(action));
}
