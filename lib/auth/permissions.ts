import type { Role } from "@/lib/db/generated/enums";

/**
 * Every action Gantry authorizes. Reading is implied by any role that reaches a resource, so
 * `service:read` is in every role; the rest are granted per role below.
 */
export const ACTIONS = [
  "service:read",
  "audit:read",
  "artifact:register",
  "promotion:request",
  "promotion:approve",
  "promotion:abort",
  "environment:rollback",
  "environment:hold",
  "environment:manage",
  "freeze:override",
  "incident:manage",
  "cluster:manage",
  "user:manage",
  "token:manage",
] as const;

export type Action = (typeof ACTIONS)[number];

export const ROLES = ["viewer", "deployer", "approver", "operator", "admin"] as const satisfies readonly Role[];

/** The one permission matrix. Bindings are additive: a user's permissions are the union of their roles'. */
export const PERMISSIONS = {
  viewer: ["service:read", "audit:read"],
  deployer: ["service:read", "audit:read", "artifact:register", "promotion:request"],
  approver: ["service:read", "audit:read", "promotion:approve"],
  operator: [
    "service:read",
    "audit:read",
    "environment:rollback",
    "promotion:abort",
    "environment:hold",
    "incident:manage",
  ],
  admin: ACTIONS,
} as const satisfies Record<Role, readonly Action[]>;

export const ROLE_DESCRIPTIONS = {
  viewer: "Sees pipelines, promotions, metrics and DORA",
  deployer: "Registers artifacts and requests promotions",
  approver: "Approves or rejects promotions",
  operator: "On-call: rolls back, aborts, holds environments, manages incidents",
  admin: "Manages environments, clusters, users, tokens; overrides freezes",
} as const satisfies Record<Role, string>;

/** Actions that only make sense globally (there is no service or environment to scope them to). */
export const GLOBAL_ACTIONS = ["cluster:manage", "user:manage", "token:manage"] as const satisfies readonly Action[];

export function roleAllows(role: Role, action: Action): boolean {
  return (PERMISSIONS[role] as readonly Action[]).includes(action);
}

export function isAction(value: string): value is Action {
  return (ACTIONS as readonly string[]).includes(value);
}
