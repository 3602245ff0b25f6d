import { PGlite, type Transaction } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import type { SqlClient } from "./sql-client.js";

/**
 * PostgreSQL in-process (PGlite): the same SQL, for tests and machines without a server. `dataDir`
 * keeps it on disk; without one it lives in memory. One connection: transactions take turns.
 */
export async function createPgliteClient(dataDir?: string): Promise<SqlClient> {
  const db = await PGlite.create(dataDir, { extensions: { pg_trgm, unaccent } });
  let closed: Promise<void> | null = null;
  const on = (tx: Transaction): SqlClient => ({
    async query<Row>(text: string, params?: readonly unknown[]) {
      return (await tx.query<Row>(text, params as unknown[] | undefined)).rows;
    },
    async exec(sql) {
      await tx.exec(sql);
    },
    transaction: (work) => work(on(tx)),
    close: async () => undefined,
  });
  return {
    async query<Row>(text: string, params?: readonly unknown[]) {
      return (await db.query<Row>(text, params as unknown[] | undefined)).rows;
    },
    async exec(sql) {
      await db.exec(sql);
    },
    transaction: (work) => db.transaction((tx) => work(on(tx))),
    close: () => (closed ??= db.close()),
  };
}
