import type { AlertClaim, Watch, WatchOwner, WatchStore } from "../../alerts/index.js";
import { enqueueOn } from "./pg-outbox-store.js";
import type { SqlClient } from "./sql-client.js";
import { isoTime } from "./pg-time.js";

interface PgWatchRow {
  id: number | string;
  owner_platform: WatchOwner["platform"];
  owner_workspace: string | null;
  owner_user: string;
  query: string;
  target: string;
  created_at: Date | string;
}

function rowToWatch(row: PgWatchRow): Watch {
  return {
    id: String(row.id),
    owner: { platform: row.owner_platform, workspaceId: row.owner_workspace, userId: row.owner_user },
    query: row.query,
    target: row.target,
    createdAt: isoTime(row.created_at),
  };
}

const byWatchAndStory = (a: AlertClaim, b: AlertClaim) =>
  Number(a.watchId) - Number(b.watchId) || (a.clusterId < b.clusterId ? -1 : a.clusterId > b.clusterId ? 1 : 0);

const OWNER = "owner_platform = $1 AND owner_user = $2 AND owner_workspace IS NOT DISTINCT FROM $3";

/** Watches, and alerts claimed and enqueued in one transaction (once per watch and story, across workers). */
export function createPostgresWatchStore(client: SqlClient): WatchStore {
  return {
    async addWatch(watch) {
      const { owner } = watch;
      const [row] = await client.query<PgWatchRow>(
        "INSERT INTO watches (owner_platform, owner_workspace, owner_user, query, target, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *",
        [owner.platform, owner.workspaceId, owner.userId, watch.query, watch.target, watch.createdAt],
      );
      return rowToWatch(row!);
    },
    async removeWatch(id, owner) {
      if (!/^\d{1,18}$/.test(id)) return false;
      const rows = await client.query(`DELETE FROM watches WHERE id = $4 AND ${OWNER} RETURNING id`, [owner.platform, owner.userId, owner.workspaceId, id]);
      return rows.length > 0;
    },
    async watchesOf(owner) {
      return (await client.query<PgWatchRow>(`SELECT * FROM watches WHERE ${OWNER} ORDER BY id`, [owner.platform, owner.userId, owner.workspaceId])).map(rowToWatch);
    },
    async allWatches() {
      return (await client.query<PgWatchRow>("SELECT * FROM watches ORDER BY id")).map(rowToWatch);
    },
    async sendAlertsOnce(alert) {
      return client.transaction(async (tx) => {
        const taken = new Set<AlertClaim>();
        // A second worker claiming the same pair waits for this transaction, then finds it taken; claims
        // go in one order (watch, story), so two workers claiming overlapping sets cannot deadlock.
        const ordered = alert.claims.filter((claim) => /^\d{1,18}$/.test(claim.watchId)).sort(byWatchAndStory);
        for (const claim of ordered) {
          const rows = await tx.query(
            "INSERT INTO alerts_sent (watch_id, cluster_id, sent_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING watch_id",
            [claim.watchId, claim.clusterId, alert.at],
          );
          if (rows.length > 0) taken.add(claim);
        }
        const fresh = alert.claims.filter((claim) => taken.has(claim));
        return fresh.length === 0 ? 0 : enqueueOn(tx, alert.build(fresh), alert.at);
      });
    },
  };
}
