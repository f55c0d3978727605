import { randomUUID } from "node:crypto";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_USERS } from "../../lib/seed/demo-users";
import { signIn as signInAs } from "./sign-in";

const demo = (role: "admin" | "viewer") => {
  const user = DEMO_USERS.find((u) => u.role === role && u.scope === "global");
  if (!user) throw new Error(`No global ${role} among the demo users`);
  return user;
};
const ADMIN = demo("admin");
const VIEWER = demo("viewer");

/** Pages every signed-in person has; approve and rollback controls must not appear on them for a viewer. */
const MAIN_PAGES: { path: string; heading: string }[] = [
  { path: "/", heading: "Pipelines" },
  { path: "/promotions", heading: "Promotions" },
  { path: "/metrics", heading: "Metrics" },
  { path: "/dora", heading: "DORA" },
  { path: "/audit", heading: "Audit" },
  { path: "/settings/tokens", heading: "Settings" },
];

const signIn = (page: Page, email: string, password: string) => signInAs(page, { email, password });

async function signedInPage(browser: Browser, email: string, password: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, email, password);
  return { context, page };
}

/** Creates a token in Settings → API tokens and returns its plaintext, read from the one-time reveal. */
async function createToken(page: Page, name: string, scopes: string[]) {
  await page.goto("/settings/tokens");
  const form = page.getByRole("form", { name: "Create an API token" });
  await form.getByLabel("Name").fill(name);
  for (const scope of scopes) await form.getByRole("checkbox", { name: scope, exact: true }).check();
  await form.getByRole("button", { name: "Create token" }).click();
  const reveal = page.getByRole("region", { name: `Token “${name}” created` });
  await expect(reveal).toContainText("You won't see it again");
  const token = await reveal.getByLabel("New API token").inputValue();
  expect(token).toMatch(/^gty_/);
  // The list is server-rendered; it shows the new token without its secret.
  await expect(page.getByRole("region", { name: "Your API tokens" }).getByRole("row").filter({ hasText: name })).toContainText("active");
  return token;
}

async function hasHorizontalOverflow(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}

test.describe("sign-in", () => {
  test("an anonymous visit to Settings goes to the login page", async ({ page }) => {
    await page.goto("/settings/tokens");
    await expect(page).toHaveURL(/\/login(\?|$)/);
    await expect(page.getByRole("heading", { level: 1, name: "Sign in to Gantry" })).toBeVisible();
  });

  test("an anonymous API call is refused", async ({ request }) => {
    const response = await request.get("/api/v1/me");
    expect(response.status()).toBe(401);
  });

  test("a wrong password says so and keeps the visitor on the login page", async ({ page }) => {
    await page.goto("/login");
    await page.getByLabel("Email").fill(VIEWER.email);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    const form = page.getByRole("form", { name: "Sign in" });
    await expect(form.getByRole("alert")).toHaveText("Incorrect email or password.");
    await expect(page).toHaveURL(/\/login/);
  });

  test("the production build lists no demo accounts", async ({ page }) => {
    await page.goto("/login");
    await expect(page.getByRole("heading", { level: 1, name: "Sign in to Gantry" })).toBeVisible();
    await expect(page.getByText(/demo accounts/i)).toHaveCount(0);
    await expect(page.getByText(VIEWER.email)).toHaveCount(0);
  });

  test("signing in returns to the page asked for, never to another site", async ({ page }) => {
    await page.goto("/login?callbackUrl=%2Faudit%3Faction%3Dauth.sign_in");
    await page.getByLabel("Email").fill(VIEWER.email);
    await page.getByLabel("Password").fill(VIEWER.password);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/audit\?action=auth\.sign_in$/);
    await expect(page.getByRole("heading", { level: 1, name: "Audit" })).toBeVisible();

    await page.goto("/login?callbackUrl=https%3A%2F%2Fevil.example%2F");
    // Already signed in: the login page sends the visitor on, to our home page rather than the foreign URL.
    await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  test("the user menu shows who is signed in and their roles, and signs out", async ({ page }) => {
    await signIn(page, VIEWER.email, VIEWER.password);
    const menuButton = page.getByRole("button", { name: `Account: ${VIEWER.name}` });
    await menuButton.click();
    await expect(page.getByText(VIEWER.email)).toBeVisible();
    await expect(page.getByRole("list", { name: "Your roles" })).toContainText("viewer on global");
    await expect(page.getByRole("link", { name: "API tokens" })).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(menuButton).toBeFocused();
    await expect(page.getByRole("list", { name: "Your roles" })).toBeHidden();

    await menuButton.click();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto("/audit");
    await expect(page).toHaveURL(/\/login/);
  });
});

test.describe("as a viewer", () => {
  test("no approve or rollback controls anywhere, and no admin sections in Settings", async ({ page }) => {
    await signIn(page, VIEWER.email, VIEWER.password);
    for (const { path, heading } of MAIN_PAGES) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
      await expect(page.getByRole("button", { name: /approve|roll\s?back/i })).toHaveCount(0);
    }

    await page.goto("/settings");
    await expect(page).toHaveURL(/\/settings\/tokens$/);
    const settingsNav = page.getByRole("navigation", { name: "Settings" });
    await expect(settingsNav.getByRole("link")).toHaveText(["API tokens"]);
    await expect(page.getByRole("region", { name: "All tokens" })).toHaveCount(0);
    // Scopes offered for a token are the viewer's own permissions only.
    const scopes = page.getByRole("form", { name: "Create an API token" }).getByRole("checkbox");
    const offered = await scopes.evaluateAll((boxes) => boxes.map((b) => b.closest("label")?.textContent?.trim()));
    expect(offered.slice(0, 2)).toEqual(["service:read", "audit:read"]);
    expect(offered).not.toContain("user:manage");

    for (const section of ["users", "teams", "role-bindings"]) {
      await page.goto(`/settings/${section}`);
      await expect(page.getByText("You don't have access to this section")).toBeVisible();
      await expect(page.getByRole("table")).toHaveCount(0);
    }
  });

  test("the API refuses the admin sections too", async ({ page }) => {
    await signIn(page, VIEWER.email, VIEWER.password);
    const response = await page.request.get("/api/v1/users");
    expect(response.status()).toBe(403);
  });
});

test.describe("as an admin", () => {
  test("a token created in Settings authenticates an API call until it is revoked", async ({ page, request }) => {
    await signIn(page, ADMIN.email, ADMIN.password);
    const name = `e2e-admin-${randomUUID().slice(0, 8)}`;
    const token = await createToken(page, name, ["service:read", "audit:read"]);

    const me = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({ email: ADMIN.email, authenticatedWith: { kind: "token", name } });

    // Reloading never shows the plaintext again.
    await page.reload();
    await expect(page.getByLabel("New API token")).toHaveCount(0);
    await expect(page.getByText(token)).toHaveCount(0);

    const row = page.getByRole("region", { name: "Your API tokens" }).getByRole("row").filter({ hasText: name });
    await row.getByRole("button", { name: `Revoke token ${name}` }).click();
    await row.getByRole("button", { name: "Revoke token", exact: true }).click();
    await expect(row).toContainText("revoked");
    const after = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
    expect(after.status()).toBe(401);
  });

  test("creates a user, grants a role; disabling the user stops their token on the next call", async ({ page, browser, request }) => {
    await signIn(page, ADMIN.email, ADMIN.password);
    const email = `e2e-${randomUUID().slice(0, 8)}@example.com`;
    const password = `pw-${randomUUID()}`;

    await page.goto("/settings/users");
    const createUser = page.getByRole("form", { name: "Create a user" });
    await createUser.getByLabel("Email").fill(email);
    await createUser.getByLabel("Name").fill("Erin Tester");
    await createUser.getByLabel("Initial password").fill(password);
    await createUser.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByRole("status")).toContainText(`Created ${email}`);
    const userRow = page.getByRole("row").filter({ hasText: email });
    await expect(userRow).toContainText("No roles");
    await expect(userRow).toContainText("Active");

    await page.getByRole("link", { name: "Grant them a role" }).click();
    await expect(page).toHaveURL(/\/settings\/role-bindings\?userId=/);
    const grant = page.getByRole("form", { name: "Grant a role" });
    await expect(grant.getByLabel("User")).toHaveValue(/[0-9a-f-]{36}/);
    await grant.getByLabel("Role").selectOption("deployer");
    await grant.getByLabel("Where").selectOption("global");
    await grant.getByRole("button", { name: "Grant role" }).click();
    await expect(grant.getByRole("status")).toHaveText(`Granted deployer on global to ${email}.`);
    await expect(page.getByRole("region", { name: "All role bindings" }).getByRole("row").filter({ hasText: email })).toContainText("deployer");

    const erin = await signedInPage(browser, email, password);
    try {
      const token = await createToken(erin.page, "erin-ci", ["promotion:request"]);
      const before = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
      expect(before.status()).toBe(200);
      expect(await before.json()).toMatchObject({ email, roles: [{ role: "deployer", scope: "global" }] });

      await page.goto("/settings/users");
      const row = page.getByRole("row").filter({ hasText: email });
      await expect(row).toContainText("deployer on global");
      await row.getByRole("button", { name: `Disable ${email}` }).click();
      await row.getByRole("button", { name: "Disable", exact: true }).click();
      await expect(row).toContainText("Disabled");

      const denied = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${token}` } });
      expect(denied.status()).toBe(401);
      // Their browser session ends on its next request too.
      await erin.page.goto("/settings/tokens");
      await expect(erin.page).toHaveURL(/\/login/);
    } finally {
      await erin.context.close();
    }
  });

  test("the audit page filters by action and exports the same filter as CSV", async ({ page }) => {
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto("/audit");
    await page.getByLabel("Action").fill("auth.sign_in");
    await page.getByLabel("Actor").fill(ADMIN.email);
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/action=auth\.sign_in/);
    const rows = page.getByRole("region", { name: "Audit events" }).getByRole("row");
    await expect(rows.nth(1)).toContainText("auth.sign_in");
    await expect(rows.nth(1)).toContainText(ADMIN.email);

    const exportLink = page.getByRole("link", { name: "Export CSV" });
    const href = await exportLink.getAttribute("href");
    expect(href).toContain("action=auth.sign_in");
    expect(href).toContain("format=csv");
    const csv = await page.request.get(href!);
    expect(csv.status()).toBe(200);
    expect(csv.headers()["content-type"]).toContain("text/csv");
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toContain("actorLabel");
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(1)) expect(line).toContain(",auth.sign_in,");
  });

  test("the audit page pages back through older events", async ({ page }) => {
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto("/audit");
    const firstPage = await page.getByRole("region", { name: "Audit events" }).getByRole("row").nth(1).textContent();
    await page.getByRole("link", { name: "Older" }).click();
    await expect(page).toHaveURL(/cursor=\d+/);
    await expect(page.getByRole("region", { name: "Audit events" }).getByRole("row").nth(1)).not.toHaveText(firstPage!);
    await page.getByRole("link", { name: "Newest" }).click();
    await expect(page).not.toHaveURL(/cursor=/);
  });

  test("double-clicking Create team creates one team", async ({ page }) => {
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto("/settings/teams");
    const slug = `e2e-${randomUUID().slice(0, 8)}`;
    const form = page.getByRole("form", { name: "Create a team" });
    await form.getByLabel("Name").fill("E2E team");
    await form.getByLabel("Slug").fill(slug);
    await form.getByRole("button", { name: "Create team" }).dblclick();
    await expect(page.getByRole("region", { name: "E2E team" })).toBeVisible();
    await expect(form.getByRole("alert")).toHaveCount(0);
    await expect(page.getByText(slug, { exact: true })).toHaveCount(1);
  });

  test("an API error is shown next to the form", async ({ page }) => {
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto("/settings/users");
    const form = page.getByRole("form", { name: "Create a user" });
    await form.getByLabel("Email").fill(ADMIN.email);
    await form.getByLabel("Name").fill("Duplicate");
    await form.getByRole("button", { name: "Create user" }).click();
    await expect(form.getByRole("alert")).toHaveText("A user with this email already exists");
  });
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 375, height: 740 } });

  test("login, Settings and Audit fit the screen and the user menu is reachable", async ({ page }) => {
    await page.goto("/login");
    expect(await hasHorizontalOverflow(page)).toBe(false);
    await signIn(page, ADMIN.email, ADMIN.password);
    for (const path of ["/settings/users", "/settings/teams", "/settings/role-bindings", "/settings/tokens", "/audit"]) {
      await page.goto(path);
      await expect(page.locator("main#main h1")).toBeVisible();
      expect(await hasHorizontalOverflow(page), path).toBe(false);
    }
    await page.getByRole("button", { name: `Account: ${ADMIN.name}` }).click();
    await expect(page.getByRole("button", { name: "Sign out" })).toBeInViewport();
  });
});

// Every Settings page is checked in accessibility.spec.ts.
const A11Y_PAGES = ["/login", "/audit"];

async function expectNoAxeViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(
    results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`),
    label,
  ).toEqual([]);
}

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    for (const path of A11Y_PAGES) {
      test(`${path} has no detectable accessibility violations`, async ({ page }) => {
        // Axe over the long seeded tables takes a while on a loaded machine.
        test.setTimeout(90_000);
        if (path !== "/login") await signIn(page, ADMIN.email, ADMIN.password);
        await page.goto(path);
        await expect(page.locator("main#main h1")).toBeVisible();
        await expectNoAxeViolations(page, path);
      });
    }

    test("the open user menu has no detectable accessibility violations", async ({ page }) => {
      await signIn(page, ADMIN.email, ADMIN.password);
      await page.getByRole("button", { name: `Account: ${ADMIN.name}` }).click();
      await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
      await expectNoAxeViolations(page, "user menu");
    });
  });
}
