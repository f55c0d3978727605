import { applyMigrations, diffMigrationsToSchema } from "@/lib/db/schema-engine";
import { seedDemoData } from "@/lib/seed/demo-data";
import type { CliCommand } from "./commands";
import { identityCommands } from "./identity-commands";
import { withDatabase } from "./with-database";

export const commands: CliCommand[] = [
  {
    name: "db migrate",
    summary: "Apply pending SQL migrations from prisma/migrations",
    async run() {
      await withDatabase(async (_db, url) => {
        const applied = await applyMigrations(url);
        console.log(applied.length ? `Applied ${applied.length} migration(s): ${applied.join(", ")}` : "Database is up to date");
      });
    },
  },
  {
    name: "db seed",
    summary: "Insert the demo data (idempotent: skips what already exists)",
    async run() {
      await withDatabase(async (db, url) => {
        await applyMigrations(url);
        const result = await seedDemoData(db);
        console.log(result.created ? "Seeded demo data" : "Demo data already present");
      });
    },
  },
  {
    name: "db diff",
    summary: "Print the SQL that would bring the migrations in line with prisma/schema.prisma (for authoring a migration)",
    async run() {
      await withDatabase(async (_db, url) => {
        process.stdout.write(await diffMigrationsToSchema(url));
      });
    },
  },
  ...identityCommands,
];
