import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_USERS } from "../../lib/seed/demo-users";
import { signIn, VIEWER } from "./sign-in";

const ADMIN = (() => {
  const user = DEMO_USERS.find((u) => u.role === "admin" && u.scope === "global");
  if (!user) throw new Error("No global admin among the demo users");
  return user;
})();

async function expectNoAxeViolations(page: Page) {
  // axe walks every control of a long settings form: seconds of work on a small machine.
  test.slow();
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

async function hasHorizontalOverflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

test.describe("Settings → Clusters", () => {
  test("a cluster at an unreachable address: the connection test says Gantry cannot reach it, and the list shows it failing", async ({ page }) => {
    await signIn(page, ADMIN);
    await page.goto("/settings/clusters");
    await page.getByRole("button", { name: "Add cluster" }).click();

    const form = page.getByRole("form", { name: "Add a cluster" });
    const name = `unreachable-${randomUUID().slice(0, 8)}`;
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("API server URL").fill("https://127.0.0.1:2");
    await form.getByLabel("Bearer token").fill("e2e-token-a1b2");
    await form.getByRole("button", { name: "Add cluster" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Added ${name}.` })).toBeVisible();

    // The credentials are described, never shown.
    const card = page.getByRole("article", { name });
    await expect(card).toContainText("Never checked");
    await expect(card).toContainText("bearer token …a1b2");
    await expect(card).not.toContainText("e2e-token-a1b2");

    await card.getByRole("button", { name: `Test connection to ${name}` }).click();
    const testForm = card.getByRole("form", { name: `Test connection to ${name}` });
    await testForm.getByLabel("Namespace to check").fill("payments-prod");
    await testForm.getByRole("button", { name: "Test connection" }).click();
    const result = card.getByRole("region", { name: `Connection test result for ${name}` });
    await expect(result).toContainText("Gantry cannot reach the API server");
    await expect(result).toContainText("Check the URL and port");
    await expect(result).toContainText("ECONNREFUSED");

    // The outcome is stored as the cluster's health.
    await expect(card).toContainText("Failing");
    await page.reload();
    await expect(page.getByRole("article", { name })).toContainText("Failing");
    await expectNoAxeViolations(page);
  });

  test("a malformed URL is refused next to its field, and nothing is stored", async ({ page }) => {
    await signIn(page, ADMIN);
    await page.goto("/settings/clusters");
    await page.getByRole("button", { name: "Add cluster" }).click();
    const form = page.getByRole("form", { name: "Add a cluster" });
    const name = `bad-url-${randomUUID().slice(0, 8)}`;
    await form.getByLabel("Name").fill(name);
    await form.getByLabel("API server URL").fill("ftp://example.com");
    await form.getByLabel("Bearer token").fill("token");
    await form.getByRole("button", { name: "Add cluster" }).click();
    await expect(form.getByLabel("API server URL")).toHaveAttribute("aria-invalid", "true");
    await expect(form.getByRole("alert")).toContainText("Some fields need attention");
    await expect(page.getByRole("article", { name })).toHaveCount(0);
  });

  test("a viewer is not offered Clusters or Environments and is refused at the URL", async ({ page }) => {
    await signIn(page, VIEWER);
    await page.goto("/settings/tokens");
    const nav = page.getByRole("navigation", { name: "Settings" });
    await expect(nav.getByRole("link", { name: "API tokens" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Clusters" })).toHaveCount(0);
    await expect(nav.getByRole("link", { name: "Environments" })).toHaveCount(0);
    await page.goto("/settings/clusters");
    await expect(page.getByText("You don't have access to this section")).toBeVisible();
    await page.goto("/settings/environments");
    await expect(page.getByText("No environments you can manage")).toBeVisible();
  });
});

test.describe("Settings → Environments", () => {
  test("an environment's minimum soak time is saved and shown in the list", async ({ page }) => {
    await signIn(page, ADMIN);
    await page.goto("/settings/environments");
    await page.getByRole("link", { name: "Configure ledger / prod" }).click();
    await page.waitForURL(/\/settings\/environments\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { name: "ledger / prod" })).toBeVisible();

    const policy = page.getByRole("form", { name: "Release policy" });
    const soak = policy.getByLabel("Minimum soak (minutes)");
    // A value that differs from the current one, so the journey also holds on a server it already ran against.
    const minutes = (await soak.inputValue()) === "95" ? "96" : "95";
    await soak.fill(minutes);
    await policy.getByRole("button", { name: "Save policy" }).click();
    await expect(policy.getByRole("status")).toHaveText("Saved.");

    await page.reload();
    await expect(page.getByRole("form", { name: "Release policy" }).getByLabel("Minimum soak (minutes)")).toHaveValue(minutes);
    await expectNoAxeViolations(page);
    await page.goto("/settings/environments");
    await expect(page.getByRole("region", { name: "Environments of ledger" }).getByRole("row").filter({ hasText: "prod" })).toContainText(`soak ${minutes} min`);
  });

  test("a template error from the server shows next to the metric field, and the preview renders the query for the environment", async ({ page }) => {
    await signIn(page, ADMIN);
    await page.goto("/settings/environments");
    await page.getByRole("link", { name: "Configure notifications / staging" }).click();
    await page.waitForURL(/\/settings\/environments\/[0-9a-f-]{36}$/);
    const editor = page.getByRole("form", { name: "Analysis template" });
    const first = editor.getByRole("listitem").first();
    await expect(first.getByLabel(/^Rendered query for/)).toContainText('service="notifications"');
    await expect(first.getByLabel(/^Rendered query for/)).toContainText('namespace="notifications-staging"');

    const query = first.getByLabel("PromQL query");
    await query.fill('sum(rate(http_requests_total{pod="{{pod}}"}[1m]))');
    // The preview tells at once; the server's schema decides on save.
    await expect(first).toContainText("Unknown placeholder {{pod}}");
    await editor.getByRole("button", { name: "Save template" }).click();
    await expect(query).toHaveAttribute("aria-invalid", "true");
    // The server's message (it names the allowed placeholders) sits in the metric's own block.
    await expect(first).toContainText("Unknown placeholder {{pod}}; allowed: {{service}}, {{namespace}}, {{environment}}");
    await expect(editor.getByRole("alert")).toContainText("Some fields need attention");
  });

  test("at 375px the environments list and an environment's settings fit the screen", async ({ page }) => {
    await page.setViewportSize({ width: 375, height: 800 });
    await signIn(page, ADMIN);
    await page.goto("/settings/environments");
    await expect(page.getByRole("list", { name: "Environments of ledger" })).toBeVisible();
    expect(await hasHorizontalOverflow(page)).toBe(false);
    await page.getByRole("link", { name: "Configure ledger / staging" }).click();
    await page.waitForURL(/\/settings\/environments\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("form", { name: "Analysis template" })).toBeVisible();
    expect(await hasHorizontalOverflow(page)).toBe(false);
    await page.goto("/settings/clusters");
    await expect(page.getByRole("button", { name: "Add cluster" })).toBeVisible();
    expect(await hasHorizontalOverflow(page)).toBe(false);
  });
});
