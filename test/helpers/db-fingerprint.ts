import pg from "pg";

/**
 * A digest of every row of every table, to prove a denied request changed nothing. Columns that
 * record mere reads (a token's last use, sign-in attempts) are left out.
 */
export async function dbFingerprint(url: string, options: { exceptRows?: Record<string, string> } = {}): Promise<string> {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const tables = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables
       WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('_prisma_migrations', 'LoginAttempt')
       ORDER BY table_name`,
    );
    const parts: string[] = [];
    for (const { table_name } of tables.rows) {
      // exceptRows: an SQL condition on `t` for rows the caller legitimately expects to change.
      const except = options.exceptRows?.[table_name];
      const result = await client.query<{ digest: string | null; n: number }>(
        `SELECT md5(coalesce(string_agg((to_jsonb(t) - 'lastUsedAt')::text, '|' ORDER BY (to_jsonb(t) - 'lastUsedAt')::text), '')) AS digest, count(*)::int AS n FROM "${table_name}" t${except ? ` WHERE NOT (${except})` : ""}`,
      );
      parts.push(`${table_name}:${result.rows[0]!.n}:${result.rows[0]!.digest}`);
    }
    return parts.join("\n");
  } finally {
    await client.end();
  }
}
