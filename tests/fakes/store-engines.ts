import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
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
    async close() {
      await Promise.all(others.map((client) => client.close()));
      await pg.close();
    },
  };
}
