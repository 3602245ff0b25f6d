import { randomBytes } from "node:crypto";
import { createPgPoolClient } from "../../src/store/postgres/pg-pool-client.js";
import { createPgliteClient } from "../../src/store/postgres/pglite-client.js";
import type { SqlClient } from "../../src/store/postgres/sql-client.js";

/** A PostgreSQL for one test: an empty schema of its own on the server, or an in-memory PGlite. */
export interface TestPostgres {
  /** "server" (DATABASE_URL) or "pglite". */
  kind: "server" | "pglite";
  client: SqlClient;
  /** For code that opens its own connections (pg-boss, child processes); null on PGlite. */
  url: string | null;
  /** The schema the client works in (server only): hand it to other connections' search_path. */
  schema: string | null;
  close(): Promise<void>;
}

/** The PostgreSQL server the tests may use, from DATABASE_URL; null when unset. */
export const serverUrl = process.env.DATABASE_URL || null;

/** Which PostgreSQL engines the store tests run against here: PGlite always, the server when DATABASE_URL is set. */
export const postgresKinds: Array<TestPostgres["kind"]> = serverUrl ? ["pglite", "server"] : ["pglite"];

export async function postgresForTests(kind: TestPostgres["kind"]): Promise<TestPostgres> {
  if (kind === "pglite") {
    const client = await createPgliteClient();
    return { kind, client, url: null, schema: null, close: () => client.close() };
  }
  if (!serverUrl) throw new Error("DATABASE_URL is not set: no PostgreSQL server to test against");
  const schema = `briefing_test_${randomBytes(6).toString("hex")}`;
  const admin = createPgPoolClient(serverUrl, { max: 1 });
  await admin.exec(`CREATE SCHEMA ${schema}`);
  const client = createPgPoolClient(serverUrl, { schema });
  return {
    kind,
    client,
    url: serverUrl,
    schema,
    async close() {
      await client.close();
      await admin.exec(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.close();
    },
  };
}

/** A database of its own on the server, for processes that connect by URL (workers, pg-boss); dropped by `drop`. */
export async function scratchDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  if (!serverUrl) throw new Error("DATABASE_URL is not set: no PostgreSQL server to make a database on");
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = createPgPoolClient(serverUrl, { max: 1 });
  await admin.exec(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.exec(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.close();
    },
  };
}
