import type Database from "better-sqlite3";
import type { Watch, WatchOwner, WatchStore } from "../../alerts/index.js";

interface WatchRow {
  id: number;
  owner_platform: WatchOwner["platform"];
  owner_workspace: string | null;
  owner_user: string;
  query: string;
  target: string;
  created_at: string;
}

function rowToWatch(row: WatchRow): Watch {
  return {
    id: String(row.id),
    owner: { platform: row.owner_platform, workspaceId: row.owner_workspace, userId: row.owner_user },
    query: row.query,
    target: row.target,
    createdAt: row.created_at,
  };
}

/** The watch store, with a synchronous claim the alert transaction (in create-sqlite-store.ts) is built from. */
export type SqliteWatchStore = Omit<WatchStore, "sendAlertsOnce"> & { claimSync(watchId: string, clusterId: string, at: string): boolean };

export function createSqliteWatchStore(db: Database.Database): SqliteWatchStore {
  const insert = db.prepare(
    "INSERT INTO watches (owner_platform, owner_workspace, owner_user, query, target, created_at) VALUES (?, ?, ?, ?, ?, ?)",
  );
  const byId = db.prepare("SELECT * FROM watches WHERE id = ?");
  const remove = db.prepare(
    "DELETE FROM watches WHERE id = ? AND owner_platform = ? AND owner_user = ? AND owner_workspace IS ?",
  );
  const ofOwner = db.prepare(
    "SELECT * FROM watches WHERE owner_platform = ? AND owner_user = ? AND owner_workspace IS ? ORDER BY id",
  );
  const all = db.prepare("SELECT * FROM watches ORDER BY id");
  const claim = db.prepare("INSERT INTO alerts_sent (watch_id, cluster_id, sent_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING");

  return {
    async addWatch(watch) {
      const { owner } = watch;
      const id = insert.run(owner.platform, owner.workspaceId, owner.userId, watch.query, watch.target, watch.createdAt).lastInsertRowid;
      return rowToWatch(byId.get(id) as WatchRow);
    },
    async removeWatch(id, owner) {
      if (!/^\d+$/.test(id)) return false;
      return remove.run(Number(id), owner.platform, owner.userId, owner.workspaceId).changes > 0;
    },
    async watchesOf(owner) {
      return (ofOwner.all(owner.platform, owner.userId, owner.workspaceId) as WatchRow[]).map(rowToWatch);
    },
    async allWatches() {
      return (all.all() as WatchRow[]).map(rowToWatch);
    },
    claimSync(watchId, clusterId, at) {
      return claim.run(Number(watchId), clusterId, at).changes > 0;
    },
  };
}
