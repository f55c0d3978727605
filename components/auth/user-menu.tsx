import type { UserActor } from "@/lib/auth/actor";
import { getMe } from "@/lib/domain/me/get-me";
import { UserMenuDropdown } from "./user-menu-dropdown";

/** Server part of the user menu: the signed-in person and their roles, fresh from the database. */
export async function UserMenu({ actor }: { actor: UserActor }) {
  const me = await getMe({ actor });
  return <UserMenuDropdown user={{ name: me.name, email: me.email, roles: me.roles }} />;
}
