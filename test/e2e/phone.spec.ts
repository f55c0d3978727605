import type { Page } from "@playwright/test";
import { signIn } from "./sign-in";
import { demoUser, expect, promotionStatus, stage, test } from "./private-app";

/**
 * The 3 a.m. rollback on a phone (375×667, touch): the navigation drawer, the rollback dialog fitting
 * the screen and the rollback running to the end. Acts on Ledger prod of its own server.
 */

test.use({ viewport: { width: 375, height: 667 }, hasTouch: true, isMobile: true });

async function hasHorizontalOverflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

test("an on-call engineer finds the board through the drawer and rolls back prod by touch", async ({ page }) => {
  await signIn(page, demoUser("oncall@example.com"));
  await page.goto("/promotions");
  await expect(page.getByRole("heading", { level: 1, name: "Promotions" })).toBeVisible();

  const menu = page.getByRole("button", { name: "Open navigation" });
  await menu.tap();
  const drawer = page.getByRole("dialog", { name: "Navigation" });
  await expect(drawer).toBeVisible();
  const drawerBox = (await drawer.boundingBox())!;
  expect(drawerBox.x + drawerBox.width).toBeLessThanOrEqual(375);
  await drawer.getByRole("link", { name: "Pipelines" }).tap();
  await expect(page).toHaveURL(/\/$/);
  await expect(drawer).toBeHidden();
  await expect(page.getByRole("heading", { level: 1, name: "Pipelines" })).toBeVisible();
  expect(await hasHorizontalOverflow(page)).toBe(false);

  const prod = stage(page, "Ledger", "prod");
  const running = (await prod.getByTestId("current-version").textContent())!.trim();
  await prod.getByRole("button", { name: "Roll back" }).tap();
  const dialog = page.getByRole("dialog", { name: "Roll back Ledger / prod?" });
  await expect(dialog).toBeVisible();

  // The sheet fits the screen: no sideways scrolling, and its confirm button is on screen.
  expect(await hasHorizontalOverflow(page)).toBe(false);
  const box = (await dialog.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(375);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height).toBeLessThanOrEqual(667);
  const confirm = dialog.getByRole("button", { name: /^Roll back to / });
  await expect(confirm).toBeInViewport({ ratio: 1 });
  await expect(dialog.getByTestId("from")).toContainText(running);
  const target = (await dialog.getByTestId("to").locator("p.font-mono").first().textContent())!.trim();

  await dialog.getByLabel("Reason").tap();
  await page.keyboard.type("INC-7001: ledger postings failing, rolled back from a phone");
  // A long reason grows the form; the confirm button in the footer stays on screen.
  await expect(confirm).toBeInViewport({ ratio: 1 });
  await confirm.tap();

  await expect(page).toHaveURL(/\/promotions\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Roll back prod to ${target}`);
  await expect(promotionStatus(page, "Succeeded")).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole("region", { name: "Rollback" })).toContainText(`prod is back on ${target}`);
  expect(await hasHorizontalOverflow(page)).toBe(false);

  // Back to the board through the drawer: prod runs the old version and is held.
  await menu.tap();
  await drawer.getByRole("link", { name: "Pipelines" }).tap();
  await expect(page.getByRole("heading", { level: 1, name: "Pipelines" })).toBeVisible();
  await expect(stage(page, "Ledger", "prod").getByTestId("current-version")).toHaveText(target);
  await expect(stage(page, "Ledger", "prod").getByText("Held", { exact: true })).toBeVisible();
});
