import type { SqlClient } from "./sql-client.js";

/** One versioned schema change; never edit one that has shipped, add the next. */
export interface PgMigration {
  version: number;
  name: string;
  sql: string;
}

// Any fixed number: every process migrating one database takes the same lock, so one migrates and the rest wait.
const MIGRATION_LOCK = 7_240_118;

/** Brings the schema up to date, once across every process that opens the database at the same time. */
export async function migratePostgres(client: SqlClient, all: readonly PgMigration[]): Promise<void> {
  await client.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await tx.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
    const applied = new Set((await tx.query<{ version: number }>("SELECT version FROM schema_migrations")).map((row) => row.version));
    for (const migration of [...all].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [migration.version, migration.name]);
    }
  });
}
