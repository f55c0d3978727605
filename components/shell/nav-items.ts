import { Activity, Gauge, Rocket, ScrollText, Settings, Siren, Workflow, type LucideIcon } from "lucide-react";

export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
}

export const NAV_ITEMS: NavItem[] = [
  { href: "/", label: "Pipelines", icon: Workflow },
  { href: "/promotions", label: "Promotions", icon: Rocket },
  { href: "/metrics", label: "Metrics", icon: Activity },
  { href: "/dora", label: "DORA", icon: Gauge },
  { href: "/incidents", label: "Incidents", icon: Siren },
  { href: "/audit", label: "Audit", icon: ScrollText },
  { href: "/settings", label: "Settings", icon: Settings },
];

export function isActive(href: string, pathname: string) {
  if (href === "/") return pathname === "/";
  return pathname === href || pathname.startsWith(`${href}/`);
}
