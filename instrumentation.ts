/**
 * Next.js calls register() once per server process. With GANTRY_RUN_WORKER (set by `npm run dev`)
 * the background worker runs in the web process; production runs `npm run worker` separately.
 * The Node-only part lives in its own module so the edge bundle never sees it.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") await import("./instrumentation-node");
}
