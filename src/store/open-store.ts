import type { ClusterIndex } from "../cluster/index.js";
import type { SearchIndex } from "../search/index.js";
import type { InstallationStore } from "./installation-store.js";
import type { SecretBox } from "./secret-box.js";
import type { LeaseIdentity, WorkerLease } from "./sqlite/sqlite-worker-lease.js";
import type { Store } from "./store.js";

/** One holder per lease name until it stops renewing (PostgreSQL's `leases` table). */
export interface SharedLeases {
  acquire(name: string, holder: string, ttlMs: number): Promise<boolean>;
  renew(name: string, holder: string, ttlMs: number): Promise<boolean>;
  release(name: string, holder: string): Promise<void>;
}

/** Where the bot keeps its state: an embedded SQLite file (the default) or a PostgreSQL server. */
export type StorageChoice = { kind: "sqlite"; path: string } | { kind: "postgres"; url: string };

/**
 * A store opened by `createStore`, with the services around it that differ by database. This is as
 * far up as the database is known: nothing above holds a handle, only these ports.
 */
export interface OpenedStore {
  kind: StorageChoice["kind"];
  /** Where, for messages: the file, or the server's address with any password masked. */
  location: string;
  store: Store;
  clusterIndex: ClusterIndex;
  /** Search over the archive on this connection. */
  searchIndex: SearchIndex;
  /** A SQLite file a search thread may open read-only beside this connection; null where search runs in place. */
  searchFile: string | null;
  /** Slack installations, sealed with `box`. */
  installations(box: SecretBox): InstallationStore;
  /** Throws when the database does not answer. */
  ping(): Promise<void>;
  /**
   * The lease that keeps a SQLite file to one worker; null on PostgreSQL, where any number of
   * workers share the work through the job queue.
   */
  workerLease(identity: LeaseIdentity): WorkerLease | null;
  /**
   * Named leases shared by every process on the database (the Discord gateway shard); null on SQLite,
   * where one process does everything.
   */
  leases: SharedLeases | null;
  /** The PostgreSQL server's URL, for the job queue's own connections; null on SQLite. */
  serverUrl: string | null;
  close(): Promise<void>;
}
