import type { OpenedStore } from "../open-store.js";
import type { SecretBox } from "../secret-box.js";
import { createSqliteStore } from "./create-sqlite-store.js";
import { openDatabase } from "./open-database.js";
import { retryingWhenBusy } from "./retry-when-busy.js";
import { createSqliteClusterIndex } from "./sqlite-cluster-index.js";
import { createSqliteInstallationStore } from "./sqlite-installation-store.js";
import { createSqliteSearchIndex } from "./sqlite-search-index.js";
import { createSqliteWorkerLease } from "./sqlite-worker-lease.js";

/** Opens (creating and migrating) the SQLite file at `path`; ":memory:" for a store that lives and dies with the process. */
export function openSqliteStore(path: string, options: { secretBox?: SecretBox | null } = {}): OpenedStore {
  const db = openDatabase(path);
  return {
    kind: "sqlite",
    location: path,
    store: createSqliteStore(db, { secretBox: options.secretBox ?? null }),
    clusterIndex: retryingWhenBusy(createSqliteClusterIndex(db)),
    searchIndex: createSqliteSearchIndex(db),
    searchFile: db.memory ? null : db.name,
    installations: (box) => createSqliteInstallationStore(db, box),
    ping: async () => void db.prepare("SELECT 1").get(),
    workerLease: (identity) => createSqliteWorkerLease(db, identity),
    leases: null,
    serverUrl: null,
    async close() {
      if (db.open) db.close();
    },
  };
}
