import pg from "pg";

/** One statement the app sent, as PostgreSQL logged it (`log_statement = all`). */
export interface LoggedStatement {
  pid: number;
  text: string;
  /** Bound parameters as PostgreSQL printed them (text), null for SQL NULL. */
  values: (string | null)[];
}

/** Our own connections say so, and are left out of what is counted. */
export const BENCH_APPLICATION = "gantry-bench";
const PREFIX = /^@@(\d+)\|([^|]*)\|([^@]*)@@ (\w+):\s+/;

/**
 * Counts and records the SQL the server under test sends, from the database's own log: the bench
 * does not instrument the product. Pass `sink` as the embedded PostgreSQL's log callback; `capture`
 * turns statement logging on around `fn` and returns what other connections sent meanwhile.
 */
export function createStatementLog(database = "gantry") {
  let buffer = "";
  let recording = false;
  const sink = (text: string) => {
    if (recording) buffer += text;
  };

  async function setLogging(connectionString: string, on: boolean) {
    const client = new pg.Client({ connectionString, application_name: BENCH_APPLICATION });
    await client.connect();
    try {
      if (on) {
        await client.query(`ALTER SYSTEM SET log_line_prefix = '@@%p|%a|%d@@ '`);
        await client.query(`ALTER SYSTEM SET log_statement = 'all'`);
      } else await client.query(`ALTER SYSTEM RESET log_statement`);
      await client.query(`SELECT pg_reload_conf()`);
      // The reload is asynchronous: wait until a probe shows up in (or vanishes from) the log.
      for (let attempt = 0; attempt < 200; attempt++) {
        const marker = `bench-probe-${on}-${attempt}-${Date.now()}`;
        const probe = new pg.Client({ connectionString, application_name: BENCH_APPLICATION });
        await probe.connect();
        await probe.query(`SELECT '${marker}'`);
        await probe.end();
        await new Promise((resolve) => setTimeout(resolve, 20));
        if (buffer.includes(marker) === on) return;
      }
      throw new Error("statement logging did not switch");
    } finally {
      await client.end();
    }
  }

  async function capture<T>(connectionString: string, fn: () => Promise<T>): Promise<{ result: T; statements: LoggedStatement[] }> {
    await waitUntilIdle(connectionString);
    buffer = "";
    recording = true;
    try {
      await setLogging(connectionString, true);
      buffer = "";
      const result = await fn();
      // Let the last lines arrive through the pipe.
      await new Promise((resolve) => setTimeout(resolve, 100));
      const text = buffer;
      await setLogging(connectionString, false);
      return { result, statements: parseStatementLog(text, database) };
    } finally {
      recording = false;
      buffer = "";
    }
  }

  return { sink, capture };
}

/** Requests a load generator gave up on may still be running in the server: wait until nobody else queries. */
export async function waitUntilIdle(connectionString: string) {
  const client = new pg.Client({ connectionString, application_name: BENCH_APPLICATION });
  await client.connect();
  try {
    let quiet = 0;
    for (let attempt = 0; attempt < 600 && quiet < 10; attempt++) {
      const busy = await client.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name <> $1 AND state <> 'idle' AND pid <> pg_backend_pid()`,
        [BENCH_APPLICATION],
      );
      quiet = busy.rows[0].n === 0 ? quiet + 1 : 0;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  } finally {
    await client.end();
  }
}

export function parseStatementLog(text: string, database: string): LoggedStatement[] {
  const entries: { pid: number; app: string; db: string; level: string; body: string }[] = [];
  for (const line of text.split("\n")) {
    const match = PREFIX.exec(line);
    if (match) entries.push({ pid: Number(match[1]), app: match[2]!, db: match[3]!, level: match[4]!, body: line.slice(match[0].length) });
    else if (entries.length > 0 && line.length > 0) entries[entries.length - 1]!.body += `\n${line}`;
  }
  const statements: LoggedStatement[] = [];
  const lastByPid = new Map<number, LoggedStatement>();
  for (const entry of entries) {
    if (entry.app === BENCH_APPLICATION || entry.db !== database) continue;
    if (entry.level === "LOG") {
      const statement = /^(?:statement|execute [^:]+):\s([\s\S]*)$/.exec(entry.body);
      if (!statement) continue;
      const logged: LoggedStatement = { pid: entry.pid, text: statement[1]!, values: [] };
      statements.push(logged);
      lastByPid.set(entry.pid, logged);
    } else if (entry.level === "DETAIL" && /^parameters:/i.test(entry.body)) {
      const target = lastByPid.get(entry.pid);
      if (!target) continue;
      for (const m of entry.body.matchAll(/\$(\d+) = (NULL|'((?:[^']|'')*)')/g)) {
        target.values[Number(m[1]) - 1] = m[2] === "NULL" ? null : m[3]!.replaceAll("''", "'");
      }
    }
  }
  return statements;
}

/**
 * Sends one request's statements again with `pg` directly, in order, on one connection: what the
 * database work of that request costs without the app. A transaction is rolled back instead of
 * committed, so the replay can be repeated (and writes nothing).
 */
export async function replay(client: pg.PoolClient | pg.Client, statements: readonly LoggedStatement[]) {
  let inTransaction = false;
  try {
    for (const s of statements) {
      const text = /^\s*COMMIT\s*;?\s*$/i.test(s.text) ? "ROLLBACK" : s.text;
      if (/^\s*BEGIN/i.test(text)) inTransaction = true;
      if (text === "ROLLBACK") inTransaction = false;
      await client.query({ text, values: s.values });
    }
  } finally {
    if (inTransaction) await client.query("ROLLBACK").catch(() => undefined);
  }
}
