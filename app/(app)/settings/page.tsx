import { redirect } from "next/navigation";
import { settingsSections } from "@/components/settings/settings-sections";
import { requirePageActor } from "@/lib/auth/page-actor";

export default async function SettingsIndex() {
  const actor = await requirePageActor("/settings");
  redirect(settingsSections(actor)[0]!.href);
}
