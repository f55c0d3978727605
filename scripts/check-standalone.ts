// After `npm run build`: proves the production server (what the Docker image runs) starts and is
// healthy. Starts .next/standalone/server.js on a free port against a throwaway migrated database,
// requires GET /api/health to answer 200 with the database up, then stops everything.
import { z } from "zod";
import { startStandaloneApp, type StandaloneApp } from "../test/helpers/standalone-app";

const healthSchema = z.object({
  status: z.string(),
  database: z.object({ status: z.string() }).passthrough(),
}).passthrough();

process.env.NEXT_TELEMETRY_DISABLED = "1";

async function main() {
  const started = Date.now();
  let app: StandaloneApp | undefined;
  try {
    app = await startStandaloneApp();
    console.log(`standalone server up at ${app.baseUrl} in ${Date.now() - started} ms`);
    const response = await fetch(`${app.baseUrl}/api/health`, { signal: AbortSignal.timeout(10_000) });
    const text = await response.text();
    console.log(`GET /api/health -> ${response.status} ${text}`);
    if (response.status !== 200) throw new Error(`expected 200 from /api/health, got ${response.status}`);
    const parsed = healthSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`unexpected /api/health body: ${parsed.error.message}`);
    if (parsed.data.database.status !== "up") throw new Error(`database.status is "${parsed.data.database.status}", expected "up"`);
  } finally {
    await app?.stop();
  }
  console.log(`standalone check passed in ${Date.now() - started} ms`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`standalone check FAILED: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
