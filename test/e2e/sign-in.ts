import type { Page } from "@playwright/test";
import { DEMO_USERS } from "../../lib/seed/demo-users";

/** The global viewer of the seeded demo organisation: sees every page, changes nothing. */
export const VIEWER = (() => {
  const user = DEMO_USERS.find((u) => u.role === "viewer" && u.scope === "global");
  if (!user) throw new Error("No global viewer among the demo users");
  return user;
})();

export async function signIn(page: Page, user: { email: string; password: string } = VIEWER) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => url.pathname !== "/login");
}
