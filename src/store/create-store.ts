import type { OpenedStore, StorageChoice } from "./open-store.js";
import type { SecretBox } from "./secret-box.js";
import { openPostgresStore } from "./postgres/open-postgres-store.js";
import { openSqliteStore } from "./sqlite/open-sqlite-store.js";

/** The one place that knows which database the bot runs on. */
export async function createStore(storage: StorageChoice, options: { secretBox?: SecretBox | null } = {}): Promise<OpenedStore> {
  switch (storage.kind) {
    case "sqlite":
      return openSqliteStore(storage.path, options);
    case "postgres":
      return openPostgresStore(storage.url, options);
  }
}
