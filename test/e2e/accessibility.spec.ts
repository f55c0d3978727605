import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_USERS } from "../../lib/seed/demo-users";
import { signIn } from "./sign-in";

const WCAG = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Pages a viewer reads. */
const PAGES = ["/", "/promotions", "/metrics", "/dora"];

const ADMIN = DEMO_USERS.find((u) => u.role === "admin" && u.scope === "global")!;

const SETTINGS_DIR = path.resolve(import.meta.dirname, "../../app/(app)/settings");

/**
 * Every Settings page in the app, read from the file tree so a new section is checked (and must be
 * linked from the Settings navigation) without editing this file. A dynamic child such as
 * `environments/[id]` is reached through the first link to it on its parent page.
 */
const SETTINGS_PAGES = readdirSync(SETTINGS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && existsSync(path.join(SETTINGS_DIR, entry.name, "page.tsx")))
  .flatMap((entry) => {
    const section = `/settings/${entry.name}`;
    const dynamic = readdirSync(path.join(SETTINGS_DIR, entry.name), { withFileTypes: true }).filter(
      (child) => child.isDirectory() && /^\[.+\]$/.test(child.name) && existsSync(path.join(SETTINGS_DIR, entry.name, child.name, "page.tsx")),
    );
    return [{ path: section, via: null as string | null }, ...dynamic.map((child) => ({ path: `${section}/${child.name}`, via: section }))];
  });

async function axeViolations(page: Page, include?: string) {
  const builder = new AxeBuilder({ page }).withTags(WCAG);
  if (include) builder.include(include);
  const results = await builder.analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

test("the Settings navigation links every Settings page an admin may use", async ({ page }) => {
  await signIn(page, ADMIN);
  await page.goto("/settings");
  const links = page.getByRole("navigation", { name: "Settings" }).getByRole("link");
  await expect(links.first()).toBeVisible();
  const hrefs = await links.evaluateAll((anchors) => anchors.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
  expect(hrefs.toSorted()).toEqual(SETTINGS_PAGES.filter((p) => !p.via).map((p) => p.path).toSorted());
});

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    for (const path of PAGES) {
      test(`${path} has no detectable accessibility violations`, async ({ page }) => {
        // axe checks every cell of a 100-row table for contrast: seconds of work on a small machine.
        test.slow(path === "/promotions");
        await signIn(page);
        await page.goto(path);
        await expect(page.locator("main#main")).toBeVisible();
        expect(await axeViolations(page)).toEqual([]);
      });
    }

    for (const { path: settingsPath, via } of SETTINGS_PAGES) {
      test(`${settingsPath} has no detectable accessibility violations`, async ({ page }) => {
        // axe walks every control of the long settings forms: seconds of work on a small machine.
        test.slow();
        await signIn(page, ADMIN);
        if (via) {
          await page.goto(via);
          const pattern = new RegExp(`^${via}/[^/?#]+$`);
          const links = await page.locator("main#main a[href]").evaluateAll((anchors) => anchors.map((a) => a.getAttribute("href")!));
          const target = links.find((href) => pattern.test(href));
          expect(target, `a link from ${via} to ${settingsPath}`).toBeDefined();
          await page.goto(target!);
        } else {
          await page.goto(settingsPath);
        }
        await expect(page.locator("main#main h1")).toBeVisible();
        await expect(page.getByText("You don't have access to this section")).toHaveCount(0);
        expect(await axeViolations(page)).toEqual([]);
      });
    }

    test("a seeded production promotion with its verification has no detectable accessibility violations", async ({ page }) => {
      // axe checks the verification charts and tables too: seconds of work on a small machine.
      test.slow();
      await signIn(page);
      await page.goto("/promotions?status=Succeeded&environment=prod&service=payments-api");
      await page.getByRole("table").getByRole("link").first().click();
      await expect(page).toHaveURL(/\/promotions\/[0-9a-f-]{36}$/);
      await expect(page.getByRole("status", { name: "Status: Succeeded" })).toBeVisible();
      await expect(page.getByRole("region", { name: "Verification", exact: true })).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
    });

    test("the promote, rollback and hold dialogs have no detectable accessibility violations", async ({ page }) => {
      // Three axe runs in one test (one per dialog, each scoped to the dialog).
      test.slow();
      await signIn(page, ADMIN);
      await page.goto("/services/notifications");
      const pipeline = page.getByRole("list", { name: "Notifications pipeline" });

      await pipeline.getByRole("button", { name: /^Promote to / }).first().click();
      await expect(page.getByRole("dialog", { name: /^Promote / })).toBeVisible();
      expect(await axeViolations(page, "[role=dialog]")).toEqual([]);
      await page.keyboard.press("Escape");

      await pipeline.getByRole("button", { name: "Roll back" }).first().click();
      await expect(page.getByRole("dialog", { name: /^Roll back / })).toBeVisible();
      expect(await axeViolations(page, "[role=dialog]")).toEqual([]);
      await page.keyboard.press("Escape");

      await pipeline.getByRole("button", { name: "Hold" }).first().click();
      await expect(page.getByRole("dialog", { name: /^Hold / })).toBeVisible();
      expect(await axeViolations(page, "[role=dialog]")).toEqual([]);
      await page.keyboard.press("Escape");
      await expect(page.getByRole("dialog")).toHaveCount(0);
    });
  });
}
