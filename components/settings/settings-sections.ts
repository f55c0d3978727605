import type { Actor } from "@/lib/auth/actor";
import { can, GLOBAL } from "@/lib/auth/authorize";

export interface SettingsSection {
  href: string;
  label: string;
}

const ADMIN_SECTIONS: SettingsSection[] = [
  { href: "/settings/users", label: "Users" },
  { href: "/settings/teams", label: "Teams" },
  { href: "/settings/role-bindings", label: "Role bindings" },
];

const TOKENS: SettingsSection = { href: "/settings/tokens", label: "API tokens" };

/**
 * The Settings sections a person may use. Sections whose every call would answer 403 are not
 * offered at all; the server still refuses them to anyone who types the URL.
 */
export function settingsSections(actor: Actor): SettingsSection[] {
  return can(actor, "user:manage", GLOBAL) ? [...ADMIN_SECTIONS, TOKENS] : [TOKENS];
}
