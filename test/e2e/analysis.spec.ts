import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { JUDGE_CONFIG } from "../../lib/metrics/judge/config";
import { signIn } from "./sign-in";

/** From /metrics to a seeded failed verification, the way an on-call engineer would get there. */
async function openFailedAnalysis(page: Page) {
  await page.goto("/metrics");
  await expect(page.getByRole("heading", { level: 1, name: "Metrics" })).toBeVisible();
  const filters = page.getByRole("search", { name: "Filter analyses" });
  await filters.getByLabel("Verdict").selectOption("Fail");
  await filters.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]verdict=Fail\b/);
  const table = page.getByRole("region", { name: "Recent analyses" });
  const rows = table.locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  for (const row of await rows.all()) await expect(row.getByText("Fail", { exact: true })).toBeVisible();
  await rows.first().getByRole("link", { name: /^Fail analysis of / }).click();
  await expect(page).toHaveURL(/\/analyses\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { level: 1, name: /^Verification of .+ in / })).toBeVisible();
}

async function axeViolations(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

test.describe("release verification", () => {
  test.beforeEach(async ({ page }) => {
    await signIn(page);
  });

  test("a failed verification shows the failing metric's explanation and its chart", async ({ page }) => {
    await openFailedAnalysis(page);

    const verdict = page.getByRole("region", { name: "Verification verdict" });
    await expect(verdict.getByText("Fail", { exact: true })).toBeVisible();
    await expect(verdict).toContainText("Fail: critical metric 5xx error ratio is High");
    await expect(verdict).toContainText("Pass ≥ 90 · Marginal ≥ 60");

    // The demo's failed releases raised the critical error ratio; failing metrics come first.
    const results = page.getByRole("region", { name: "Metric results" });
    await expect(results.locator("tbody tr").first()).toContainText("5xx error ratio");
    await expect(results.locator("tbody tr").first()).toContainText("High");

    const metric = page.getByRole("region", { name: "5xx error ratio" });
    await expect(metric.getByTestId("metric-explanation")).toHaveText(/^5xx error ratio rose \d+% \(median .+ → .+\), above the 50% tolerance; p [<=] [\d.]+\.$/);
    const chart = metric.getByTestId("metric-chart").locator("svg.recharts-surface");
    await expect(chart).toBeVisible();
    // Two series (baseline and canary) drawn, the deployment marked.
    await expect(chart.locator("path.recharts-curve")).toHaveCount(2);
    await expect(chart).toContainText("Deploy");
    await expect(metric.getByRole("img", { name: /^5xx error ratio distributions\./ })).toBeVisible();

    // The header leads to the promotion it verified.
    const promotionLink = page.getByRole("link", { name: /^promotion [0-9a-f]{8}/ });
    await expect(promotionLink).toHaveAttribute("href", /^\/promotions\/[0-9a-f-]{36}$/);

    expect(await axeViolations(page)).toEqual([]);
  });

  test("the Metrics page explains the judge with the configured thresholds and shows the default template read-only", async ({ page }) => {
    await page.goto("/metrics");
    const judge = page.getByRole("region", { name: "How the judge decides" });
    await expect(judge).toContainText("Mann-Whitney U test");
    await expect(judge).toContainText(`Pass at ${JUDGE_CONFIG.passScore} or more`);
    await expect(judge).toContainText(`Marginal from ${JUDGE_CONFIG.marginalScore}`);
    await expect(judge).toContainText(`p < ${JUDGE_CONFIG.alpha}`);
    const template = page.getByRole("region", { name: "Default analysis template" });
    await expect(template.getByRole("row").filter({ hasText: "5xx error ratio" })).toContainText("Critical");
    await expect(page.getByRole("link", { name: /Settings → Environments/ })).toHaveAttribute("href", "/settings/environments");
    await expect(page.getByRole("textbox")).toHaveCount(0);
  });

  test.describe("dark theme", () => {
    test.use({ colorScheme: "dark" });
    test("the report has no detectable accessibility violations", async ({ page }) => {
      await openFailedAnalysis(page);
      await expect(page.getByTestId("metric-chart").first().locator("svg.recharts-surface")).toBeVisible();
      expect(await axeViolations(page)).toEqual([]);
    });
  });

  test.describe("on a phone", () => {
    test.use({ viewport: { width: 375, height: 740 } });
    test("the report fits the screen and still draws the chart", async ({ page }) => {
      await openFailedAnalysis(page);
      const metric = page.getByRole("region", { name: "5xx error ratio" });
      await expect(metric.getByTestId("metric-chart").locator("svg.recharts-surface")).toBeVisible();
      expect(await page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)).toBe(false);
    });
  });
});
