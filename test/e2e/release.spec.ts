import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Browser, type Page } from "@playwright/test";
import { startStandaloneApp, type StandaloneApp } from "../helpers/standalone-app";
import { demoUser, promotionStatus, query, stage } from "./private-app";
import { signIn } from "./sign-in";

/**
 * Release journeys against promotions that really run: this file starts its own production server
 * with the worker inside, a sandbox Kubernetes API holding the seeded Deployments and a fresh demo
 * database, so what it approves and rolls back does not disturb the other journeys.
 */
// Its own fixture, not private-app's: Playwright shares a worker fixture between files that
// register the same one, and these journeys act on services the keyboard and phone specs change too.
const test = base.extend<object, { app: StandaloneApp }>({
  app: [
    async ({}, provide) => {
      const app = await startStandaloneApp({ seed: true, sandbox: true });
      try {
        await provide(app);
      } finally {
        await app.stop();
      }
    },
    { scope: "worker", timeout: 180_000 },
  ],
  baseURL: async ({ app }, provide) => provide(app.baseUrl),
});

// One server for the file: its journeys run in order in one worker (each acts on its own service).
test.describe.configure({ mode: "default", timeout: 120_000 });

/** Set on the page's window: still there later means the page was never reloaded. */
async function markDocument(page: Page) {
  await page.evaluate(() => {
    (window as unknown as { __gantryMark?: boolean }).__gantryMark = true;
  });
}

async function documentIsTheSame(page: Page) {
  return page.evaluate(() => (window as unknown as { __gantryMark?: boolean }).__gantryMark === true);
}

test("a release manager approves the pending prod promotion and watches it finish without reloading", async ({ page, app }) => {
  // The seed has one of the two payments-api/prod approvers approve already (at random): take the other.
  const decided = await query<{ email: string }>(
    app,
    `SELECT u.email FROM "Approval" ap
       JOIN "User" u ON u.id = ap."userId"
       JOIN "Promotion" p ON p.id = ap."promotionId"
       JOIN "Environment" e ON e.id = p."environmentId"
       JOIN "Service" s ON s.id = e."serviceId"
      WHERE s.slug = 'payments-api' AND e.name = 'prod' AND p.status = 'PendingApproval'`,
  );
  expect(decided).toHaveLength(1);
  const approverEmail = ["prod-approver@example.com", "approver@example.com"].find((email) => !decided.some((d) => d.email === email))!;
  const approver = demoUser(approverEmail);
  await signIn(page, approver);

  await page.goto("/");
  const prod = stage(page, "Payments API", "prod");
  await expect(prod).toContainText("1/2 approvals");
  await prod.getByRole("link", { name: "Review" }).click();
  await expect(page).toHaveURL(/\/promotions\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(promotionStatus(page, "PendingApproval")).toBeVisible();
  const version = (await page.getByRole("heading", { level: 1 }).locator(".font-mono").textContent())!.trim();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Promote ${version} to prod`);

  const statusPanel = page.getByRole("region", { name: "Status" });
  await expect(statusPanel).toContainText("Waiting for approval: 1 of 2");
  await expect(statusPanel.getByText("Blockers")).toBeVisible();
  await expect(statusPanel).toContainText("Needs 1 more approval");
  const changes = page.getByRole("region", { name: "Changes" });
  await expect(changes.getByTestId("to")).toContainText(version);
  await expect(changes.getByRole("list", { name: "Commits" }).getByRole("listitem").first()).toBeVisible();

  await markDocument(page);
  const comment = "Staging dashboards are flat for two hours; go.";
  await page.getByLabel("Comment").fill(comment);
  await page.getByRole("button", { name: "Approve" }).click();

  // Quorum met → queued → deployed by the worker to the sandbox cluster → succeeded, all live.
  await expect(promotionStatus(page, "Succeeded")).toBeVisible({ timeout: 90_000 });
  await expect(statusPanel).toContainText(`${version} runs in prod`);
  // payments-api/prod spans both sandbox clusters: each shows its own rollout.
  for (const cluster of ["sandbox-east", "sandbox-west"]) {
    await expect(statusPanel.getByRole("progressbar", { name: `Replicas available on ${cluster}` })).toHaveAttribute("aria-valuetext", "3 of 3 replicas available");
  }
  const approvals = page.getByRole("list", { name: "Approvals" });
  await expect(approvals.getByRole("listitem").filter({ hasText: approver.name })).toContainText(comment);
  const timeline = page.getByRole("list", { name: "Timeline" });
  await expect(timeline).toContainText(`Approved · ${approver.name}`);
  await expect(timeline).toContainText("Approval quorum met: queued for deployment");
  await expect(timeline).toContainText("Deploying to prod");
  await expect(timeline).toContainText("Running in prod");
  expect(await documentIsTheSame(page)).toBe(true);

  await page.goto("/services/payments-api");
  await expect(stage(page, "Payments API", "prod").getByTestId("current-version")).toHaveText(version);
});

test("an on-call engineer rolls back prod in one click and a confirmation, then sees the old version live", async ({ page }) => {
  await signIn(page, demoUser("oncall@example.com"));
  await page.goto("/services/notifications");
  const prod = stage(page, "Notifications", "prod");
  const running = (await prod.getByTestId("current-version").textContent())!.trim();
  await expect(prod.getByText("Held", { exact: true })).toHaveCount(0);

  await prod.getByRole("button", { name: "Roll back" }).click();
  const dialog = page.getByRole("dialog", { name: "Roll back Notifications / prod?" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByTestId("from")).toContainText(running);
  const target = (await dialog.getByTestId("to").locator("p.font-mono").first().textContent())!.trim();
  expect(target).not.toBe(running);
  await expect(dialog.getByLabel("Reason")).toBeFocused();

  // A reason is required.
  const confirm = dialog.getByRole("button", { name: `Roll back to ${target}` });
  await confirm.click();
  await expect(dialog).toContainText("Say why you are rolling back");
  await expect(dialog.getByLabel("Reason")).toBeFocused();

  const rollbackPosts: string[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && request.url().endsWith("/rollback")) rollbackPosts.push(request.url());
  });
  const reason = "INC-4821: notification sends failing after the release";
  await dialog.getByLabel("Reason").fill(reason);
  await confirm.dblclick();

  await expect(page).toHaveURL(/\/promotions\/[0-9a-f-]{36}$/, { timeout: 30_000 });
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Roll back prod to ${target}`);
  await expect(promotionStatus(page, "Succeeded")).toBeVisible({ timeout: 90_000 });
  await expect(page.getByRole("region", { name: "Rollback" })).toContainText(`prod is back on ${target}`);
  await expect(page.getByRole("list", { name: "Timeline" })).toContainText(reason);
  expect(rollbackPosts).toHaveLength(1);

  await page.goto("/services/notifications");
  const after = stage(page, "Notifications", "prod");
  await expect(after.getByTestId("current-version")).toHaveText(target);
  await expect(after.getByText("Held", { exact: true })).toBeVisible();
  await expect(after).toContainText(reason);
  await expect(after.getByRole("button", { name: "Clear hold" })).toBeVisible();

  await page.goto("/?q=notifications");
  const cell = stage(page, "Notifications", "prod");
  await expect(cell.getByTestId("current-version")).toHaveText(target);
  await expect(cell.getByText("Held", { exact: true })).toBeVisible();
});

/**
 * The seed's soak times depend on its clock (and the worker finishes a seeded staging promotion at
 * start), so whether a staging artifact may go on to prod varies: an admin lifts the prod soak of
 * the Payments services first, through the environment settings API, so one can.
 */
async function liftProdSoak(browser: Browser, baseURL: string, services: string[]) {
  const context = await browser.newContext({ baseURL });
  try {
    const page = await context.newPage();
    await signIn(page, demoUser("admin@example.com"));
    for (const slug of services) {
      const response = await page.request.get(`/api/v1/services/${slug}`);
      expect(response.ok()).toBe(true);
      const { service } = (await response.json()) as { service: { environments: { id: string; name: string }[] } };
      const prod = service.environments.find((e) => e.name === "prod")!;
      const patch = await page.request.patch(`/api/v1/environments/${prod.id}`, { data: { minSoakMinutes: 0 }, headers: { origin: baseURL } });
      expect(patch.status(), await patch.text()).toBe(200);
    }
  } finally {
    await context.close();
  }
}

test("a deployer cannot approve their own promotion, and the button says why", async ({ page, app, browser }) => {
  await liftProdSoak(browser, app.baseUrl, ["checkout-web", "ledger"]);
  await signIn(page, demoUser("deployer@example.com"));
  await page.goto("/");
  const offers = page.getByRole("button", { name: "Promote to prod" });
  await expect(offers.first()).toBeVisible();

  // Promote the first artifact that policy lets into prod.
  let promoted = false;
  const refusals: string[] = [];
  for (let i = 0; i < (await offers.count()) && !promoted; i++) {
    await offers.nth(i).click();
    const dialog = page.getByRole("dialog", { name: /^Promote .+ to prod$/ });
    await expect(dialog).toBeVisible();
    await dialog.getByLabel(/Reason/).fill("Ready for production");
    await dialog.getByRole("button", { name: "Promote to prod" }).dblclick();
    const outcome = await Promise.race([
      page.waitForURL(/\/promotions\/[0-9a-f-]{36}$/, { timeout: 30_000 }).then(
        () => "promoted" as const,
        () => "timeout" as const,
      ),
      dialog
        .getByRole("alert")
        .waitFor({ timeout: 30_000 })
        .then(
          () => "refused" as const,
          () => "timeout" as const,
        ),
    ]);
    expect(outcome).not.toBe("timeout");
    if (outcome === "promoted") promoted = true;
    else {
      refusals.push((await dialog.getByRole("alert").textContent()) ?? "");
      await dialog.getByRole("button", { name: "Cancel" }).click();
    }
  }
  expect(promoted, `every promotion to prod was refused: ${refusals.join(" | ")}`).toBe(true);

  await expect(promotionStatus(page, "PendingApproval")).toBeVisible();
  const approve = page.getByRole("button", { name: "Approve" });
  await expect(approve).toBeDisabled();
  await expect(page.getByRole("button", { name: "Reject" })).toBeDisabled();
  const why = "You requested this promotion; approvals must come from someone else";
  await expect(page.getByTestId("approve-blocked-reason")).toHaveText(why);
  await expect(approve).toHaveAccessibleDescription(why);

  // The double click made one promotion.
  const id = page.url().split("/").pop()!;
  const [row] = await query<{ environmentId: string; artifactId: string }>(app, `SELECT "environmentId", "artifactId" FROM "Promotion" WHERE id = $1`, [id]);
  const same = await query<{ n: number }>(app, `SELECT count(*)::int AS n FROM "Promotion" WHERE "environmentId" = $1 AND "artifactId" = $2 AND kind = 'Promotion'`, [
    row!.environmentId,
    row!.artifactId,
  ]);
  expect(same[0]!.n).toBe(1);
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test("the rollback dialog fits, keeps focus inside and closes with Escape", async ({ page }) => {
    await signIn(page, demoUser("oncall@example.com"));
    await page.goto("/services/ledger");
    const prod = stage(page, "Ledger", "prod");
    const button = prod.getByRole("button", { name: "Roll back" });
    await button.click();
    const dialog = page.getByRole("dialog", { name: "Roll back Ledger / prod?" });
    await expect(dialog).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    const box = (await dialog.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    await expect(dialog.getByRole("button", { name: /^Roll back to / })).toBeInViewport();

    // Tab never leaves the dialog.
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press("Tab");
      expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);
    }
    await page.keyboard.press("Shift+Tab");
    expect(await dialog.evaluate((el) => el.contains(document.activeElement))).toBe(true);

    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(button).toBeFocused();
  });
});

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

for (const scheme of ["light", "dark"] as const) {
  test(`release pages and the rollback dialog have no detectable accessibility violations (${scheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    // The admin sees every action: promote, review, roll back, hold.
    await signIn(page, demoUser("admin@example.com"));
    await page.goto("/");
    await expect(page.getByRole("button", { name: "Promote to prod" }).first()).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);

    await page.goto("/services/growth-api");
    await expect(stage(page, "Growth API", "prod")).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);

    await stage(page, "Growth API", "staging").getByRole("button", { name: "Roll back" }).click();
    await expect(page.getByRole("dialog")).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press("Escape");

    await stage(page, "Growth API", "prod").getByRole("link", { name: /Pending approval/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Promote");
    expect(await axeViolations(page)).toEqual([]);
  });
}
