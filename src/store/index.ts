export type * from "./store.js";
export { openDatabase } from "./sqlite/open-database.js";
export { createSqliteStore } from "./sqlite/create-sqlite-store.js";
export { retryingWhenBusy, retryWhenBusy, isBusyError } from "./sqlite/retry-when-busy.js";
export { createSqliteWorkerLease, type LeaseHolder, type WorkerLease } from "./sqlite/sqlite-worker-lease.js";
export { createSecretBox, parseSecretKey, type SecretBox } from "./secret-box.js";
export type { InstallationStore, StoredInstallation } from "./installation-store.js";
export { createSqliteInstallationStore } from "./sqlite/sqlite-installation-store.js";
