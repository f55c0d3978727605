import { defineConfig } from "prisma/config";

// The Prisma CLI is only used for `generate` here (its migrate engine needs network access);
// migrations are applied by lib/db/migrate.ts. The URL is only read by CLI commands that connect.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/gantry" },
});
