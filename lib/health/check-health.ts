import { getDb } from "@/lib/db/client";

export interface Health {
  status: "ok" | "degraded";
  database: { status: "up" | "down"; latencyMs?: number; error?: string };
  version: string;
}

/** Liveness plus the one dependency Gantry cannot work without. Public: reveals no configuration. */
export async function checkHealth(): Promise<Health> {
  const version = process.env.npm_package_version ?? "0.1.0";
  const started = performance.now();
  try {
    await getDb().$queryRaw`SELECT 1`;
    return { status: "ok", database: { status: "up", latencyMs: Math.round(performance.now() - started) }, version };
  } catch {
    return { status: "degraded", database: { status: "down", error: "database unreachable" }, version };
  }
}
