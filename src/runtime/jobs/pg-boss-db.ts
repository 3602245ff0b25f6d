import type PgBoss from "pg-boss";
import type { SqlClient } from "../../store/postgres/sql-client.js";

// PGlite prepares every query, and a prepared statement holds one command; pg-boss's schema scripts hold many.
const MULTIPLE_COMMANDS = "42601";

/**
 * pg-boss's statements run through a `SqlClient` (PGlite, in tests and on machines with no server)
 * instead of a pool of its own. Scripts of several statements need no rows back, so they go to `exec`.
 */
export function pgBossDbOver(client: SqlClient): PgBoss.Db {
  return {
    async executeSql(text: string, values?: unknown[]) {
      if (values && values.length > 0) return { rows: await client.query(text, values) };
      try {
        return { rows: await client.query(text) };
      } catch (error) {
        if ((error as { code?: unknown }).code !== MULTIPLE_COMMANDS) throw error;
        await client.exec(text);
        return { rows: [] };
      }
    },
  };
}
