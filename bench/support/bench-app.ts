import { ACTIONS } from "../../lib/auth/permissions";
import { createDb, type Db } from "../../lib/db/client";
import { createTokenFor, createUserWith } from "../../test/helpers/identity-fixture";
import { startStandaloneApp, type StandaloneApp, type StandaloneAppOptions } from "../../test/helpers/standalone-app";
import { describeHistory, generatePipelineHistory, type PipelineHistory, type PipelineHistoryOptions } from "./pipeline-history";
import { log } from "./report";
import { createStatementLog } from "./statement-log";

export interface BenchApp {
  app: StandaloneApp;
  db: Db;
  history: PipelineHistory | null;
  /** `Authorization` header value of an admin's API token (every permission). */
  authorization: string;
  /** `Cookie` header value of the same admin's browser session. */
  cookie: string;
  statements: ReturnType<typeof createStatementLog>;
  stop(): Promise<void>;
}

const SESSION_SECRET = "bench-session-secret-0123456789abcdefghij";

/**
 * The production build (`.next/standalone`, see test/helpers/standalone-app.ts) on its own embedded
 * PostgreSQL, with a generated history (when `history` is given) and a global admin who has an API
 * token and a session cookie. The database log feeds the statement counter.
 */
export async function startBenchApp(options: { history?: PipelineHistoryOptions } & Pick<StandaloneAppOptions, "seed" | "sandbox" | "env">): Promise<BenchApp> {
  const statements = createStatementLog();
  // The session cookie is signed here and checked by the server: one secret for both.
  process.env.NEXTAUTH_SECRET = SESSION_SECRET;
  const started = performance.now();
  const app = await startStandaloneApp({
    ...(options.seed ? { seed: true } : {}),
    ...(options.sandbox ? { sandbox: true } : {}),
    env: { NEXTAUTH_SECRET: SESSION_SECRET, ...options.env },
    databaseLog: statements.sink,
  });
  const db = createDb(app.databaseUrl);
  try {
    let history: PipelineHistory | null = null;
    if (options.history) {
      history = await generatePipelineHistory(app.databaseUrl, options.history);
      log(`  generated ${describeHistory(history)}`);
    }
    const admin = await createUserWith(db, "bench-admin", [{ role: "admin" }]);
    const { token } = await createTokenFor(db, admin.id, [...ACTIONS]);
    log(`  server ${app.baseUrl} ready with its data in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return {
      app,
      db,
      history,
      authorization: `Bearer ${token}`,
      cookie: admin.cookie,
      statements,
      async stop() {
        await db.$disconnect();
        await app.stop();
      },
    };
  } catch (error) {
    await db.$disconnect();
    await app.stop();
    throw error;
  }
}
