import { expect, test } from "@playwright/test";
import { DEMO_USERS } from "../../lib/seed/demo-users";
import { signIn } from "./sign-in";

const ONCALL = DEMO_USERS.find((u) => u.role === "operator")!;
const METRICS = ["Deployment frequency", "Lead time for changes", "Change failure rate", "Time to restore service"];
const CHARTS = ["chart-deployment-frequency", "chart-lead-time", "chart-change-failure-rate", "chart-time-to-restore"];

test.describe("DORA page", () => {
  test("shows the four keys with levels and the weekly charts for the demo data", async ({ page }) => {
    await signIn(page);
    await page.goto("/dora?from=" + ninetyDaysAgo() + "&to=" + today());
    await expect(page.getByRole("heading", { level: 1, name: "DORA" })).toBeVisible();
    for (const metric of METRICS) {
      const card = page.getByRole("group", { name: metric });
      await expect(card).toBeVisible();
      // A number (not "No data") and a level badge.
      await expect(card.getByTestId(/-value$/)).not.toHaveText("No data");
      await expect(card.getByText(/^(Elite|High|Medium|Low)$/)).toBeVisible();
    }
    for (const chart of CHARTS) {
      // recharts draws bars as paths and lines as curves inside the chart's SVG.
      await expect(page.getByTestId(chart).locator("svg .recharts-bar-rectangle, svg .recharts-line-curve").first()).toBeVisible();
    }
    await expect(page.getByRole("region", { name: "Performance levels by metric" })).toContainText("≥ 5 deploy-days per week");
  });

  test("filters by team and drills down to the commits behind the lead time", async ({ page }) => {
    await signIn(page);
    await page.goto("/dora");
    await page.getByLabel("Team").selectOption("payments");
    await page.getByRole("button", { name: "Apply" }).click();
    await expect(page).toHaveURL(/team=payments/);
    await expect(page.getByText("Team Payments")).toBeVisible();
    await page.getByRole("link", { name: "See the commits and their lead times" }).click();
    await expect(page).toHaveURL(/detail=commits/);
    const commits = page.getByRole("region", { name: "Commits behind the lead time" });
    await expect(commits.locator("tbody tr").first()).toBeVisible();
    await expect(page.getByRole("link", { name: "Export commits (CSV)" })).toHaveAttribute("href", /\/api\/v1\/dora\/commits\?team=payments.*format=csv/);
  });
});

test.describe("incidents", () => {
  test("an on-call engineer reports an incident, unlinks the release and resolves it", async ({ page }) => {
    await signIn(page, ONCALL);
    await page.goto("/incidents");
    const title = `Checkout latency ${Date.now()}`;
    await page.getByLabel("What is wrong").fill(title);
    await page.getByLabel("Severity").selectOption("critical");
    await page.getByRole("button", { name: "Report incident" }).click();
    await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
    await expect(page.getByText("Open", { exact: true })).toBeVisible();

    // The release live when it started was linked; this one was not caused by a release.
    await page.getByRole("button", { name: "Unlink" }).click();
    await expect(page.getByText("Not linked to a deployment")).toBeVisible();
    await page.getByRole("button", { name: "Resolve now" }).click();
    await expect(page.getByRole("button", { name: "Reopen" })).toBeVisible();

    await page.goto("/incidents?status=resolved&linked=no");
    await expect(page.getByRole("link", { name: title })).toBeVisible();
  });
});

function today() {
  return new Date().toISOString().slice(0, 10);
}

function ninetyDaysAgo() {
  return new Date(Date.now() - 89 * 86_400_000).toISOString().slice(0, 10);
}
