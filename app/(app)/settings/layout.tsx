import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SettingsNav } from "@/components/settings/settings-nav";
import { settingsSections } from "@/components/settings/settings-sections";
import { PageHeader } from "@/components/ui/page-header";
import { requirePageActor } from "@/lib/auth/page-actor";

export const metadata: Metadata = { title: { default: "Settings", template: "%s · Settings · Gantry" } };

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor("/settings");
  return (
    <>
      <PageHeader title="Settings" description="People, teams, who may do what where, clusters, environments and API tokens." />
      <div className="flex flex-col gap-6 lg:flex-row lg:items-start">
        <SettingsNav sections={settingsSections(actor)} />
        <div className="min-w-0 flex-1">{children}</div>
      </div>
    </>
  );
}
