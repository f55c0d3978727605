import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./sign-in";

const NAV = ["Pipelines", "Promotions", "Metrics", "DORA", "Audit", "Settings"];

async function hasHorizontalOverflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

test.describe("app shell", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page);
  });

  test("shows the shell and navigates to Promotions", async ({ page }) => {
    await page.goto("/");
    await expect(page.getByRole("link", { name: "Gantry" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 1, name: "Pipelines" })).toBeVisible();

    const nav = page.getByRole("navigation", { name: "Main" });
    for (const label of NAV) await expect(nav.getByRole("link", { name: label })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Pipelines" })).toHaveAttribute("aria-current", "page");

    await nav.getByRole("link", { name: "Promotions" }).click();
    await expect(page).toHaveURL(/\/promotions$/);
    await expect(page.getByRole("heading", { level: 1, name: "Promotions" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Promotions" })).toHaveAttribute("aria-current", "page");
    await expect(nav.getByRole("link", { name: "Pipelines" })).not.toHaveAttribute("aria-current", "page");
  });

  test("offers a skip link to the main content", async ({ page }) => {
    await page.goto("/");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await skip.press("Enter");
    await expect(page.locator("main#main")).toBeFocused();
  });

  test("switches to dark mode and remembers it across reloads", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/");
    const html = page.locator("html");
    await expect(html).not.toHaveClass(/\bdark\b/);

    const toggle = page.getByRole("button", { name: "Dark theme" });
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    await toggle.click();
    await expect(html).toHaveClass(/\bdark\b/);
    await expect(toggle).toHaveAttribute("aria-pressed", "true");

    await page.reload();
    await expect(html).toHaveClass(/\bdark\b/);

    // Without the app's JavaScript React never runs: the dark class comes from the inline <head>
    // script alone, so it is there before the first paint (no flash of the light theme).
    await page.route("**/_next/static/**/*.js", (route) => route.abort());
    await page.reload();
    await expect(html).toHaveClass(/\bdark\b/);
    await page.unroute("**/_next/static/**/*.js");
    await page.reload();

    await page.getByRole("button", { name: "Dark theme" }).click();
    await expect(html).not.toHaveClass(/\bdark\b/);
    await page.reload();
    await expect(html).not.toHaveClass(/\bdark\b/);
  });

  test("follows the system colour scheme until the user chooses", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto("/promotions");
    await expect(page.locator("html")).toHaveClass(/\bdark\b/);
  });

  test.describe("on a phone", () => {
    test.use({ viewport: { width: 375, height: 740 } });

    test("reaches the navigation through the menu button without horizontal overflow", async ({ page }) => {
      await page.goto("/");
      await expect(page.getByRole("heading", { level: 1, name: "Pipelines" })).toBeVisible();
      expect(await hasHorizontalOverflow(page)).toBe(false);
      await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();

      const menu = page.getByRole("button", { name: "Open navigation" });
      await expect(menu).toHaveAttribute("aria-expanded", "false");
      await menu.click();
      await expect(menu).toHaveAttribute("aria-expanded", "true");
      const drawer = page.getByRole("dialog", { name: "Navigation" });
      await expect(drawer).toBeVisible();
      for (const label of NAV) await expect(drawer.getByRole("link", { name: label })).toBeVisible();

      await drawer.getByRole("link", { name: "Promotions" }).click();
      await expect(page).toHaveURL(/\/promotions$/);
      await expect(drawer).toBeHidden();
      await expect(page.getByRole("heading", { level: 1, name: "Promotions" })).toBeVisible();
      expect(await hasHorizontalOverflow(page)).toBe(false);

      await menu.click();
      await expect(drawer).toBeVisible();
      await page.keyboard.press("Escape");
      await expect(drawer).toBeHidden();
      await expect(menu).toHaveAttribute("aria-expanded", "false");
    });
  });
});
