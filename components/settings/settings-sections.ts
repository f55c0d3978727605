import type { Actor } from "@/lib/auth/actor";
import { can, GLOBAL } from "@/lib/auth/authorize";
import { roleAllows } from "@/lib/auth/permissions";

export interface SettingsSection {
  href: string;
  label: string;
}

const ADMIN_SECTIONS: SettingsSection[] = [
  { href: "/settings/users", label: "Users" },
  { href: "/settings/teams", label: "Teams" },
  { href: "/settings/role-bindings", label: "Role bindings" },
];

const NOTIFICATIONS: SettingsSection = { href: "/settings/notifications", label: "Notifications" };
const TOKENS: SettingsSection = { href: "/settings/tokens", label: "API tokens" };
const CLUSTERS: SettingsSection = { href: "/settings/clusters", label: "Clusters" };
const ENVIRONMENTS: SettingsSection = { href: "/settings/environments", label: "Environments" };

/** Holds environment:manage somewhere (any scope); the page lists exactly which environments. */
function managesSomeEnvironment(actor: Actor) {
  if (actor.kind === "system") return true;
  if (actor.kind === "token" && !actor.scopes.includes("environment:manage")) return false;
  return actor.bindings.some((b) => roleAllows(b.role, "environment:manage"));
}

/**
 * The Settings sections a person may use. Sections whose every call would answer 403 are not
 * offered at all; the server still refuses them to anyone who types the URL.
 */
export function settingsSections(actor: Actor): SettingsSection[] {
  return [
    ...(can(actor, "user:manage", GLOBAL) ? ADMIN_SECTIONS : []),
    ...(can(actor, "cluster:manage", GLOBAL) ? [CLUSTERS] : []),
    ...(managesSomeEnvironment(actor) ? [ENVIRONMENTS] : []),
    ...(can(actor, "user:manage", GLOBAL) ? [NOTIFICATIONS] : []),
    TOKENS,
  ];
}
