import { createHash, timingSafeEqual } from "node:crypto";
import type { Env } from "@/lib/env";
import { AppError } from "@/lib/http/errors";

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Who may scrape /api/metrics: with GANTRY_METRICS_TOKEN set, only `Authorization: Bearer <it>`;
 * without it, anyone outside production, and no one in production (metrics reveal activity).
 */
export function assertMetricsAccess(request: Request, config: Pick<Env, "GANTRY_METRICS_TOKEN" | "NODE_ENV">) {
  const token = config.GANTRY_METRICS_TOKEN;
  if (!token) {
    if (config.NODE_ENV === "production") {
      throw new AppError("not_found", "Metrics are disabled: set GANTRY_METRICS_TOKEN to enable /api/metrics");
    }
    return;
  }
  const presented = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "")?.[1]?.trim();
  // Compare digests: equal length, constant time, whatever the caller sent.
  if (!presented || !timingSafeEqual(digest(presented), digest(token))) {
    throw new AppError("unauthenticated", "Send Authorization: Bearer <GANTRY_METRICS_TOKEN>");
  }
}
