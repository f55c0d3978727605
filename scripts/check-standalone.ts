// After `npm run build`: proves the production server (what the Docker image runs) starts, is
// healthy and shuts down gracefully. Starts .next/standalone/server.js on a free port against a
// throwaway migrated database, requires GET /api/health to answer 200 with the database up; then,
// with the worker inside the server, sends SIGTERM while a request is in flight and requires that
// request to get its answer and the server to exit by itself.
import http from "node:http";
import { z } from "zod";
import { startStandaloneApp, type StandaloneApp } from "../test/helpers/standalone-app";

const healthSchema = z.object({
  status: z.string(),
  database: z.object({ status: z.string() }).passthrough(),
}).passthrough();

process.env.NEXT_TELEMETRY_DISABLED = "1";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function checkHealth(app: StandaloneApp) {
  const response = await fetch(`${app.baseUrl}/api/health`, { signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  console.log(`GET /api/health -> ${response.status} ${text}`);
  if (response.status !== 200) throw new Error(`expected 200 from /api/health, got ${response.status}`);
  const parsed = healthSchema.safeParse(JSON.parse(text));
  if (!parsed.success) throw new Error(`unexpected /api/health body: ${parsed.error.message}`);
  if (parsed.data.database.status !== "up") throw new Error(`database.status is "${parsed.data.database.status}", expected "up"`);
}

/**
 * A sign-in POST whose body is only half sent when SIGTERM arrives (next-auth reads the whole body
 * before answering): the server must wait for it, answer it, and only then exit, by itself.
 */
async function checkGracefulShutdown(app: StandaloneApp) {
  const body = "csrfToken=none&email=nobody%40example.com&password=not-a-password&json=true";
  const request = http.request(new URL("/api/auth/callback/credentials", app.baseUrl), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "content-length": Buffer.byteLength(body) },
  });
  // Settles once, whatever happens first (a cut connection may emit more than one error).
  const answered = new Promise<{ status: number } | { error: Error }>((resolve) => {
    request.once("response", (response) => {
      response.resume();
      response.once("end", () => resolve({ status: response.statusCode ?? 0 }));
      response.on("error", (error) => resolve({ error }));
    });
    request.on("error", (error) => resolve({ error }));
  });
  request.write(body.slice(0, 20));
  await sleep(1000); // the server has the request's head and is waiting for the rest of the body
  const exited = app.signalServer("SIGTERM");
  await sleep(1000); // SIGTERM handled: the server drains
  const early = await Promise.race([exited.then((code) => `the server exited (${code})`), answered.then((a) => ("error" in a ? `the request failed: ${a.error.message}` : null)), sleep(0).then(() => null)]);
  if (early) throw new Error(`${early} with a request in flight, before its body was complete`);
  request.end(body.slice(20));
  const outcome = await answered;
  if ("error" in outcome) throw new Error(`the in-flight request was cut on SIGTERM: ${outcome.error.message}`);
  const { status } = outcome;
  console.log(`in-flight POST /api/auth/callback/credentials across SIGTERM -> ${status}`);
  const code = await Promise.race([exited, sleep(15_000).then(() => "still running 15 s after SIGTERM")]);
  console.log(`server exit after SIGTERM: ${code}`);
  // Next.js exits with 128 + 15 once it has drained (an exit of our own would cut its draining short).
  if (code !== 143) throw new Error(`expected the server to exit by itself after SIGTERM, got: ${code}`);
}

async function main() {
  const started = Date.now();
  let app: StandaloneApp | undefined;
  try {
    app = await startStandaloneApp();
    console.log(`standalone server up at ${app.baseUrl} in ${Date.now() - started} ms`);
    await checkHealth(app);
  } finally {
    await app?.stop();
  }
  app = undefined;
  try {
    app = await startStandaloneApp({ env: { GANTRY_RUN_WORKER: "true" } });
    await checkGracefulShutdown(app);
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
