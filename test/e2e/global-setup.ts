import type { FullConfig } from "@playwright/test";
import { startStandaloneApp } from "../helpers/standalone-app";

/**
 * Starts the production build against a fresh seeded database for the whole run and hands its URL
 * to the tests through GANTRY_E2E_BASE_URL (workers inherit the environment). Set that variable
 * yourself to run the journeys against a server you started (e.g. `npm run dev`).
 */
export default async function globalSetup(_config: FullConfig) {
  if (process.env.GANTRY_E2E_BASE_URL) return undefined;
  const app = await startStandaloneApp({ seed: true });
  process.env.GANTRY_E2E_BASE_URL = app.baseUrl;
  process.env.GANTRY_E2E_DATABASE_URL = app.databaseUrl;
  return async () => {
    await app.stop();
  };
}
