import pg from "pg";
import { BriefingError } from "../../domain/errors.js";
import type { SqlClient } from "./sql-client.js";

// BIGINT and NUMERIC come back as text by default; every count and id here fits a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

/** A pool of connections to a PostgreSQL server, at `url` (postgres://…). */
export function createPgPoolClient(url: string, options: { max?: number; applicationName?: string; schema?: string } = {}): SqlClient {
  // A schema of its own (tests share one database) still sees extensions installed in public.
  const searchPath = options.schema ? { options: `-c search_path=${options.schema},public` } : {};
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, application_name: options.applicationName ?? "briefing-bot", ...searchPath });
  // An idle connection the server drops must not take the process down; the next query reconnects.
  pool.on("error", () => undefined);
  let ended: Promise<void> | null = null;
  const on = (client: pg.PoolClient): SqlClient => ({
    async query<Row>(text: string, params?: readonly unknown[]) {
      return (await client.query(text, params as unknown[] | undefined)).rows as Row[];
    },
    async exec(sql) {
      await client.query(sql);
    },
    transaction: (work) => work(on(client)),
    close: async () => undefined,
  });
  return {
    async query<Row>(text: string, params?: readonly unknown[]) {
      return (await pool.query(text, params as unknown[] | undefined)).rows as Row[];
    },
    async exec(sql) {
      await pool.query(sql);
    },
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work(on(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    // The store and whoever opened it may both close it: the pool ends once.
    close: () => (ended ??= pool.end()),
  };
}

/** The server's address with any password masked, for errors and logs. */
export function describePgUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    throw new BriefingError("config", "the PostgreSQL address (storage.url or DATABASE_URL) is not a valid URL");
  }
}
