import { inject } from "vitest";
import { resetEnvCache } from "@/lib/env";

process.env.DATABASE_URL = inject("databaseUrl");
(process.env as Record<string, string>).NODE_ENV = "test";
process.env.LOG_LEVEL ??= "silent";
process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret-0123";
process.env.GANTRY_ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString("base64");
resetEnvCache();
