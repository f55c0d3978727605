import { test as base, type Locator, type Page } from "@playwright/test";
import pg from "pg";
import { DEMO_USERS } from "../../lib/seed/demo-users";
import { startStandaloneApp, type StandaloneApp } from "../helpers/standalone-app";

/**
 * Journeys that change what they touch (register artifacts, roll back, approve) run against a
 * production server of their own: a fresh demo database, the worker inside the server and a sandbox
 * Kubernetes API holding the seeded Deployments. One server per Playwright worker, shared by the
 * files that import this `test`; each of those files acts on services the others leave alone.
 */
export const test = base.extend<object, { app: StandaloneApp }>({
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

export { expect } from "@playwright/test";

export function demoUser(email: string) {
  const user = DEMO_USERS.find((u) => u.email === email);
  if (!user) throw new Error(`${email} is not a demo user`);
  return user;
}

export async function query<T extends pg.QueryResultRow>(app: StandaloneApp, sql: string, params: unknown[] = []) {
  const client = new pg.Client({ connectionString: app.databaseUrl });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A service's stage on the board (or on the service page): the list item named after the environment. */
export function stage(page: Page, service: string, environment: string): Locator {
  return page.getByRole("list", { name: `${service} pipeline` }).getByRole("listitem", { name: environment, exact: true });
}

/** Status of the promotion page, as its live badge announces it. */
export function promotionStatus(page: Page, status: string) {
  return page.getByRole("status", { name: `Status: ${status}` });
}
