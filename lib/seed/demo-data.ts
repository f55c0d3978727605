import { hashPassword } from "@/lib/auth/password";
import type { Db, Tx } from "@/lib/db/client";
import { log } from "@/lib/log";
import { SANDBOX_CLUSTERS, TEAMS } from "./catalog";
import { DEMO_USERS } from "./demo-users";
import { generateDemoData, type DemoDataset } from "./generate-demo-data";

export { SANDBOX_CLUSTERS, SANDBOX_PLACEMENT } from "./catalog";
export { DEMO_PASSWORD, DEMO_USERS, type DemoUser } from "./demo-users";

/**
 * Seeds the demo organisation (two teams, five services, ~90 days of release history, demo
 * users for every role) into a database that has none of it yet. All-or-nothing: one
 * transaction, serialised by an advisory lock so two processes starting together cannot both
 * seed. Returns `created: false` when the demo data (or any service) is already there.
 */
export async function seedDemoData(db: Db, options: { now?: Date } = {}): Promise<{ created: boolean }> {
  if (await hasExistingData(db)) return { created: false };

  const started = performance.now();
  // Hashed before the transaction opens: argon2 is slow on purpose, the transaction should not be.
  const passwordHashes = Object.fromEntries(
    await Promise.all(DEMO_USERS.map(async (user) => [user.email, await hashPassword(user.password)] as const)),
  );

  const dataset = await db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('gantry:seed-demo-data'))`;
      if (await hasExistingData(tx)) return null;
      const clusters = await tx.cluster.findMany({ where: { name: { in: SANDBOX_CLUSTERS.map((c) => c.name) } }, select: { id: true, name: true } });
      const data = generateDemoData({ now: options.now ?? new Date(), passwordHashes, existingClusterIds: Object.fromEntries(clusters.map((c) => [c.name, c.id])) });
      await insert(tx, data);
      return data;
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
  if (!dataset) return { created: false };

  log.info("seeded demo data", {
    ms: Math.round(performance.now() - started),
    artifacts: dataset.artifacts.length,
    promotions: dataset.promotions.length,
    deployments: dataset.deployments.length,
    analyses: dataset.analyses.length,
    auditEvents: dataset.auditEvents.length,
  });
  return { created: true };
}

/** Demo data goes only into a database without services, demo teams or demo users. */
async function hasExistingData(db: Db | Tx) {
  const services = await db.service.count();
  if (services > 0) return true;
  const teams = await db.team.count({ where: { slug: { in: TEAMS.map((t) => t.slug) } } });
  if (teams > 0) return true;
  const users = await db.user.count({ where: { email: { in: DEMO_USERS.map((u) => u.email) } } });
  return users > 0;
}

// Parents before children. Each table goes in as one INSERT ... SELECT FROM json_populate_recordset:
// Prisma's createMany spends ~1–2 ms per row in the client, which made the seed take 10+ seconds;
// this takes well under one. Columns left out of the rows get their database defaults.
async function insert(tx: Tx, data: DemoDataset) {
  await bulkInsert(tx, "User", data.users);
  await bulkInsert(tx, "Team", data.teams);
  await bulkInsert(tx, "TeamMembership", data.memberships);
  await bulkInsert(tx, "Cluster", data.clusters);
  await bulkInsert(tx, "Service", data.services);
  await bulkInsert(tx, "Environment", data.environments);
  await bulkInsert(tx, "EnvironmentCluster", data.environmentClusters);
  await bulkInsert(tx, "RoleBinding", data.roleBindings);
  await bulkInsert(tx, "ApiToken", data.apiTokens);
  await bulkInsert(tx, "Artifact", data.artifacts);
  await bulkInsert(tx, "ArtifactCommit", data.commits);
  await bulkInsert(tx, "Promotion", data.promotions);
  await bulkInsert(tx, "Approval", data.approvals);
  await bulkInsert(tx, "Deployment", data.deployments);
  await bulkInsert(tx, "Analysis", data.analyses);
  await bulkInsert(tx, "AnalysisMetricResult", data.metricResults);
  await bulkInsert(tx, "Incident", data.incidents);
  await bulkInsert(tx, "AuditEvent", data.auditEvents);
}

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9]*$/;
const CHUNK_ROWS = 2000;

async function bulkInsert(tx: Tx, table: string, rows: readonly object[]) {
  if (rows.length === 0) return;
  const columns = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  // Names come from this module, never from input; checked anyway because they are spliced into SQL.
  for (const name of [table, ...columns]) if (!IDENTIFIER.test(name)) throw new Error(`unexpected identifier ${name}`);
  const list = columns.map((column) => `"${column}"`).join(", ");
  const sql = `INSERT INTO "${table}" (${list}) SELECT ${list} FROM json_populate_recordset(NULL::"${table}", $1::json)`;
  for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
    await tx.$executeRawUnsafe(sql, JSON.stringify(rows.slice(i, i + CHUNK_ROWS)));
  }
}
