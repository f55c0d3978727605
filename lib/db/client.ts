import { PrismaPg } from "@prisma/adapter-pg";
import { env } from "@/lib/env";
import { PrismaClient } from "./generated/client";

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

const globalForDb = globalThis as unknown as { gantryDb?: PrismaClient };

/**
 * Interactive transactions lock rows (an environment while a promotion is requested, a promotion
 * while its quorum is counted); waiting for such a lock counts toward Prisma's 5 s default, which
 * a burst of concurrent requests on a loaded machine exceeds. The locks themselves are short.
 */
const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 30_000 } as const;

export function createDb(connectionString: string) {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 20 }), transactionOptions: TRANSACTION_OPTIONS });
}

/** The process-wide client (kept across Next.js dev reloads). */
export function getDb(): PrismaClient {
  if (!globalForDb.gantryDb) {
    const url = env().DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: start Gantry with `npm run dev` or set DATABASE_URL.");
    globalForDb.gantryDb = createDb(url);
  }
  return globalForDb.gantryDb;
}

export const db = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const client = getDb();
    const value = Reflect.get(client, property, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/** Tests that need a private database point the process-wide client at it. */
export async function replaceDbClient(connectionString: string) {
  const previous = globalForDb.gantryDb;
  globalForDb.gantryDb = createDb(connectionString);
  await previous?.$disconnect();
}
