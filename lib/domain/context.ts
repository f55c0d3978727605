import type { Actor } from "@/lib/auth/actor";

/** Who is acting and the request facts the audit trail records. Every domain verb takes one. */
export interface DomainContext {
  actor: Actor;
  requestId?: string;
  ip?: string;
}
