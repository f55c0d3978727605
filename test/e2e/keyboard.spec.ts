import type { Locator, Page } from "@playwright/test";
import { signIn } from "./sign-in";
import { demoUser, expect, promotionStatus, stage, test } from "./private-app";

/**
 * The release journeys with the keyboard alone: no clicks once signed in. Acts on Notifications
 * (rollback) and Growth API (the approval waiting in prod) of its own server.
 */

test.describe.configure({ mode: "default" });

const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

/** Presses Tab (or Shift+Tab) until `target` has focus; fails if it never does within `max` presses. */
async function tabTo(page: Page, target: Locator, { max = 150, backwards = false } = {}) {
  for (let i = 0; i < max; i++) {
    if (await isFocused(target)) return i;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  throw new Error(`Tab never reached ${target}`);
}

test("an on-call engineer rolls back from the board with the keyboard: skip link, focus trap both ways, Escape, reason, confirm", async ({ page }) => {
  await signIn(page, demoUser("oncall@example.com"));
  await page.goto("/?q=notifications");
  const prod = stage(page, "Notifications", "prod");
  await expect(prod).toBeVisible();

  // The first Tab stop is the skip link; it moves focus past the navigation into the content.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => document.querySelector("main#main")!.contains(document.activeElement))).toBe(true);

  const trigger = prod.getByRole("button", { name: "Roll back" });
  await tabTo(page, trigger);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Roll back Notifications / prod?" });
  await expect(dialog).toBeVisible();
  const reason = dialog.getByLabel("Reason");
  const close = dialog.getByRole("button", { name: "Close" });
  const cancel = dialog.getByRole("button", { name: "Cancel" });
  const confirm = dialog.getByRole("button", { name: /^Roll back to / });
  await expect(reason).toBeFocused();

  // Forwards: reason → Cancel → confirm, then wraps to the first control, the close button.
  await page.keyboard.press("Tab");
  await expect(cancel).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(confirm).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(close).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(reason).toBeFocused();
  // Backwards: reason → close, then wraps to the last control, the confirm button.
  await page.keyboard.press("Shift+Tab");
  await expect(close).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(confirm).toBeFocused();

  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();

  await page.keyboard.press("Enter");
  await expect(dialog).toBeVisible();
  await expect(reason).toBeFocused();
  const target = (await dialog.getByTestId("to").locator("p.font-mono").first().textContent())!.trim();
  const why = "INC-5150: notification sends failing, rolled back from the keyboard";
  await page.keyboard.type(why);
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(confirm).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(/\/promotions\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Roll back prod to ${target}`);
  await expect(page.getByRole("list", { name: "Timeline" })).toContainText(why);
  await expect(promotionStatus(page, "Succeeded")).toBeVisible({ timeout: 90_000 });
});

test("a release manager reviews and approves the waiting prod promotion with the keyboard", async ({ page }) => {
  await signIn(page, demoUser("approver@example.com"));
  await page.goto("/?q=growth");
  const prod = stage(page, "Growth API", "prod");
  const review = prod.getByRole("link", { name: "Review" });
  await expect(review).toBeVisible();
  await tabTo(page, review);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/promotions\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(promotionStatus(page, "PendingApproval")).toBeVisible();

  const form = page.getByRole("form", { name: "Your decision" });
  const comment = form.getByLabel("Comment");
  await tabTo(page, comment);
  const note = "Checked the staging dashboards with the keyboard only.";
  await page.keyboard.type(note);
  await page.keyboard.press("Tab");
  await expect(form.getByRole("button", { name: "Approve" })).toBeFocused();
  await page.keyboard.press("Enter");

  const approvals = page.getByRole("list", { name: "Approvals" });
  await expect(approvals.getByRole("listitem").filter({ hasText: "Alex Moreau" })).toContainText(note);
  await expect(promotionStatus(page, "PendingApproval")).toBeHidden();
});

test("the promote dialog opens, traps focus and closes with the keyboard, and promotes from it", async ({ page }) => {
  await signIn(page, demoUser("growth-deployer@example.com"));
  await page.goto("/?q=notifications");
  const dev = stage(page, "Notifications", "dev");
  const trigger = dev.getByRole("button", { name: /^Promote to / });
  await expect(trigger).toBeVisible();
  await tabTo(page, trigger);
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: /^Promote .+ to staging$/ });
  await expect(dialog).toBeVisible();
  const reason = dialog.getByLabel(/Reason/);
  const close = dialog.getByRole("button", { name: "Close" });
  const confirm = dialog.getByRole("button", { name: "Promote to staging" });
  await expect(reason).toBeFocused();

  await page.keyboard.press("Shift+Tab");
  await expect(close).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(confirm).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(close).toBeFocused();

  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(trigger).toBeFocused();

  await page.keyboard.press("Enter");
  await expect(reason).toBeFocused();
  await page.keyboard.type("Ready for staging (keyboard)");
  await tabTo(page, confirm);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/promotions\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1 })).toContainText("to staging");
});
