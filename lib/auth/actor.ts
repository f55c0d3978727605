import type { Role } from "@/lib/db/generated/enums";
import type { Action } from "./permissions";

/** Where a role binding applies. Environment scopes carry their service so visibility can be derived. */
export type BindingScope =
  | { kind: "global" }
  | { kind: "team"; teamId: string }
  | { kind: "service"; serviceId: string }
  | { kind: "environment"; environmentId: string; serviceId: string };

export interface EffectiveBinding {
  role: Role;
  scope: BindingScope;
  /** "direct" or the slug of the team the binding came through. */
  via: string;
}

interface Person {
  userId: string;
  email: string;
  name: string;
  bindings: EffectiveBinding[];
  /** Services of the teams in team-scoped bindings, resolved at load time for visibility checks. */
  teamServiceIds: Record<string, string[]>;
}

export interface UserActor extends Person {
  kind: "user";
}

/** A token acts as its creator *now*, narrowed to its scopes and (optionally) services. */
export interface TokenActor extends Person {
  kind: "token";
  tokenId: string;
  tokenName: string;
  scopes: Action[];
  serviceIds: string[] | null;
}

/** Background work acting on Gantry's own behalf (e.g. automatic rollback on failed verification). */
export interface SystemActor {
  kind: "system";
  name: string;
}

export type Actor = UserActor | TokenActor | SystemActor;

export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case "user":
      return actor.email;
    case "token":
      return `${actor.email} (token ${actor.tokenName})`;
    case "system":
      return `system:${actor.name}`;
  }
}

export function actorUserId(actor: Actor): string | null {
  return actor.kind === "system" ? null : actor.userId;
}
