import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { signIn } from "./sign-in";

const PAGES = ["/", "/promotions", "/metrics", "/dora"];

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });
    test.beforeEach(async ({ page }) => {
      await signIn(page);
    });

    for (const path of PAGES) {
      test(`${path} has no detectable accessibility violations`, async ({ page }) => {
        // axe checks every cell of a 100-row table for contrast: seconds of work on a small machine.
        test.slow(path === "/promotions");
        await page.goto(path);
        await expect(page.locator("main#main")).toBeVisible();
        const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
        const summary = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
        expect(summary).toEqual([]);
      });
    }
  });
}
