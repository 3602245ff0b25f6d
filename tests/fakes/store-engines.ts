import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeEach } from "vitest";
import type { ClusterIndex } from "../../src/cluster/index.js";
import type { SearchIndex } from "../../src/search/index.js";
import {
  createPgPoolClient,
  createPostgresClusterIndex,
  createPostgresInstallationStore,
  createPostgresSearchIndex,
  createPostgresStore,
  createSqliteInstallationStore,
  createSqliteStore,
  migratePostgres,
  openDatabase,
  pgMigrations,
  type InstallationStore,
  type SecretBox,
  type SqlClient,
  type Store,
} from "../../src/store/index.js";
import { createSqliteClusterIndex } from "../../src/store/sqlite/sqlite-cluster-index.js";
import { createSqliteSearchIndex } from "../../src/store/sqlite/sqlite-search-index.js";
import { postgresForTests, postgresKinds } from "./postgres-for-tests.js";

/** The database engines the store contract runs on here: SQLite and PGlite always, the server with DATABASE_URL. */
export const storeEngines = ["sqlite", ...postgresKinds] as const;
export type StoreEngine = (typeof storeEngines)[number];

/** A store of one engine on a fresh database, with the other ports on the same database. */
export interface StoreUnderTest {
  engine: StoreEngine;
  store: Store;
  /** Another store on the same database over a connection of its own (another worker, in effect); PGlite has only one connection. */
  another(options?: { secretBox?: SecretBox | null }): Promise<Store>;
  clusterIndex(): ClusterIndex;
  /** A cluster index over a connection of its own, as another worker's. */
  anotherClusterIndex(): Promise<ClusterIndex>;
  searchIndex(): SearchIndex;
  installations(box: SecretBox): InstallationStore;
  /** Runs a query the ports cannot (what is stored at rest), in the engine's own SQL: one value. */
  peek(sql: string): Promise<unknown>;
  /** Empties every table (the schema stays) and closes the other connections: as fresh, for less than a new database costs. */
  reset(): Promise<void>;
  close(): Promise<void>;
}

export async function openStoreUnderTest(engine: StoreEngine, options: { secretBox?: SecretBox | null } = {}): Promise<StoreUnderTest> {
  return engine === "sqlite" ? openSqlite(options) : openPostgres(engine, options);
}

async function openSqlite(options: { secretBox?: SecretBox | null }): Promise<StoreUnderTest> {
  const dir = mkdtempSync(path.join(tmpdir(), "store-contract-"));
  const file = path.join(dir, "briefing.db");
  const db = openDatabase(file);
  const others: Array<{ close(): void }> = [];
  const open = () => {
    const other = openDatabase(file);
    others.push(other);
    return other;
  };
  return {
    engine: "sqlite",
    store: createSqliteStore(db, options),
    another: async (more = options) => createSqliteStore(open(), more),
    clusterIndex: () => createSqliteClusterIndex(db),
    anotherClusterIndex: async () => createSqliteClusterIndex(open()),
    searchIndex: () => createSqliteSearchIndex(db),
    installations: (box) => createSqliteInstallationStore(db, box),
    peek: async (sql) => db.prepare(sql).pluck().get(),
    async reset() {
      for (const other of others.splice(0)) other.close();
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'items_fts%' AND name <> 'schema_migrations'").pluck().all() as string[];
      // Tables in any order: the foreign keys are off meanwhile (they cannot change inside a transaction).
      db.pragma("foreign_keys = OFF");
      db.transaction(() => {
        for (const table of tables) db.exec(`DELETE FROM "${table}"`);
        db.exec("INSERT INTO items_fts (items_fts) VALUES ('delete-all'); INSERT INTO items_fts_cjk (items_fts_cjk) VALUES ('delete-all')");
      })();
      db.pragma("foreign_keys = ON");
    },
    async close() {
      for (const other of others) other.close();
      if (db.open) db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function openPostgres(engine: "pglite" | "server", options: { secretBox?: SecretBox | null }): Promise<StoreUnderTest> {
  const pg = await postgresForTests(engine);
  await migratePostgres(pg.client, pgMigrations);
  const others: SqlClient[] = [];
  // The store's close would close the shared client: the test's close does that, once.
  const keepOpen = (client: SqlClient): SqlClient => ({ ...client, close: async () => undefined });
  const connection = (): SqlClient => {
    if (!pg.url || !pg.schema) return keepOpen(pg.client);
    const client = createPgPoolClient(pg.url, { schema: pg.schema, max: 4 });
    others.push(client);
    return keepOpen(client);
  };
  return {
    engine,
    store: createPostgresStore(keepOpen(pg.client), options),
    another: async (more = options) => createPostgresStore(connection(), more),
    clusterIndex: () => createPostgresClusterIndex(pg.client),
    anotherClusterIndex: async () => createPostgresClusterIndex(connection()),
    searchIndex: () => createPostgresSearchIndex(pg.client),
    installations: (box) => createPostgresInstallationStore(pg.client, box),
    peek: async (sql) => Object.values((await pg.client.query(sql))[0] ?? {})[0],
    async reset() {
      await Promise.all(others.splice(0).map((client) => client.close()));
      const [row] = await pg.client.query<{ tables: string }>(
        "SELECT string_agg(format('%I', tablename), ', ') AS tables FROM pg_tables WHERE schemaname = current_schema() AND tablename <> 'schema_migrations'",
      );
      await pg.client.exec(`TRUNCATE ${row!.tables} RESTART IDENTITY CASCADE`);
    },
    async close() {
      await Promise.all(others.map((client) => client.close()));
      await pg.close();
    },
  };
}

/**
 * A fresh database of `engine` for each test of the enclosing describe: made once per describe and
 * emptied before each test (a new PGlite takes about a second), closed after the describe.
 */
export function freshStoreEach(engine: StoreEngine, options: { secretBox?: SecretBox | null } = {}): () => StoreUnderTest {
  let shared: StoreUnderTest | null = null;
  let current: StoreUnderTest | null = null;
  beforeEach(async () => {
    shared ??= await openStoreUnderTest(engine, options);
    await shared.reset();
    current = shared;
  });
  afterEach(() => {
    current = null;
  });
  afterAll(async () => {
    await shared?.close();
    shared = null;
  });
  return () => {
    if (!current) throw new Error("no store: call inside a test");
    return current;
  };
}
