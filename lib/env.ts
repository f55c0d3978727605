import path from "node:path";
import { z } from "zod";

/**
 * Every environment variable Gantry reads, validated in one place. Parsed lazily (first use) so
 * `next build` can run without runtime secrets; a bad value fails with the variable's name.
 */
const booleanString = z
  .enum(["true", "false", "1", "0", ""])
  .transform((v) => v === "true" || v === "1");

const port = z.coerce.number().int().min(1).max(65535);

export const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: port.default(3000),
    /** External Postgres. When unset, `npm run dev` and the CLI start an embedded one. */
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL")
      .optional(),
    /** Where development state lives: embedded database, generated secrets, sandbox kubeconfig. */
    GANTRY_DATA_DIR: z.string().min(1).default(".data"),
    /** Port of the embedded PostgreSQL (development and CLI only). */
    GANTRY_DB_PORT: port.default(54329),
    /** `npm run dev` starts a sandbox Kubernetes API and sandbox Prometheus metrics for the demo environments. */
    GANTRY_SANDBOX: booleanString.default(true),
    /** Seed demo data into an empty database on `npm run dev`. */
    GANTRY_DEMO_DATA: booleanString.default(true),
    /** Public base URL, used for links in notifications and as next-auth's URL. */
    NEXTAUTH_URL: z.url().optional(),
    /** Signs session tokens. Required in production; generated into GANTRY_DATA_DIR in development. */
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    /** 32-byte key (base64) encrypting cluster credentials at rest. Generated in development. */
    GANTRY_ENCRYPTION_KEY: z
      .string()
      .refine((v) => Buffer.from(v, "base64").length === 32, "must be 32 bytes, base64-encoded")
      .optional(),
    OIDC_ISSUER: z.url().optional(),
    OIDC_CLIENT_ID: z.string().min(1).optional(),
    OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    /** Claim holding the user's groups; groups named like Gantry team slugs grant membership. */
    OIDC_GROUPS_CLAIM: z.string().min(1).default("groups"),
    /** Run the background worker (promotions, drift scans) inside the web process. `npm run dev` sets it. */
    GANTRY_RUN_WORKER: booleanString.default(false),
    /**
     * Port of a worker process' own HTTP listener (/metrics, /health, /ready). Unset: none. Only
     * `npm run worker` opens it; a worker running inside the web process is served by the web's endpoints.
     */
    GANTRY_WORKER_METRICS_PORT: port.optional(),
    /** Promotions a worker process runs at once. */
    GANTRY_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
    /** How long a rollout may take before its promotion fails, in seconds. */
    GANTRY_ROLLOUT_TIMEOUT_SECONDS: z.coerce.number().int().min(10).max(86_400).default(600),
    /** Prometheus HTTP API used to verify releases in environments that do not name their own. Unset: no verification. */
    GANTRY_PROMETHEUS_URL: z.url().optional(),
    /** Bearer token for GANTRY_PROMETHEUS_URL. */
    GANTRY_PROMETHEUS_TOKEN: z.string().min(1).optional(),
    /**
     * Bearer token Prometheus sends to scrape /api/metrics. Unset: /api/metrics is open outside
     * production and disabled (404) in production.
     */
    GANTRY_METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
    /** Largest accepted JSON request body, in bytes. */
    GANTRY_MAX_BODY_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.NEXTAUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["NEXTAUTH_SECRET"], message: "is required in production" });
    }
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET].filter(Boolean).length;
    if (oidc !== 0 && oidc !== 3) {
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_ISSUER"],
        message: "OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET must be set together",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(
      "Invalid environment configuration:\n" + issues.map((i) => `  ${i.variable}: ${i.message}`).join("\n"),
    );
    this.name = "EnvError";
  }
}

export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  // Empty strings mean "unset" (common in .env files and compose files).
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    throw new EnvError(
      result.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? "?"), message: issue.message })),
    );
  }
  return result.data;
}

let cached: Env | undefined;

export function env(): Env {
  cached ??= parseEnv();
  return cached;
}

/** Tests and the dev launcher change process.env before the app reads it. */
export function resetEnvCache() {
  cached = undefined;
}

export function dataDir(current: Env = env()) {
  return path.resolve(current.GANTRY_DATA_DIR);
}
