import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { BriefingError } from "../../domain/errors.js";
import { migrations, type Migration } from "./migrations.js";

const SHORT_BUSY_TIMEOUT_MS = 20;

/** Opens (creating if needed) the SQLite file in WAL mode and brings its schema up to date. */
export function openDatabase(file: string): Database.Database {
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(file);
  } catch (error) {
    throw new BriefingError("store", `cannot open database ${file}: ${(error as Error).message}`, { cause: error });
  }
  db.pragma("journal_mode = WAL");
  // Opening may wait for another process's migration; after that, waits happen off the event loop
  // (retry-when-busy.ts), and this short timeout only smooths over momentary contention.
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  db.pragma("synchronous = NORMAL");
  migrate(db, migrations);
  db.pragma(`busy_timeout = ${SHORT_BUSY_TIMEOUT_MS}`);
  return db;
}

function migrate(db: Database.Database, all: Migration[]): void {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)");
  const applied = new Set(
    db.prepare("SELECT version FROM schema_migrations").pluck().all() as number[],
  );
  const record = db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)");
  for (const migration of [...all].sort((a, b) => a.version - b.version)) {
    if (applied.has(migration.version)) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    }).immediate();
  }
}
