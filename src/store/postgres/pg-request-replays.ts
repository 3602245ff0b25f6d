import type { RequestReplayStore } from "../store.js";
import type { SqlClient } from "./sql-client.js";

/** Requests already taken, shared by every process on the database (Slack may retry to another one). */
export function createPostgresRequestReplays(client: SqlClient): RequestReplayStore {
  return {
    async claimRequest(key, nowMs, windowMs) {
      const expired = nowMs - windowMs;
      await client.query("DELETE FROM request_replays WHERE seen_at < $1", [expired]);
      // Inserted, or taken over from an entry past its window: one statement, so of two processes
      // offered the same key at once exactly one gets a row back.
      const rows = await client.query(
        `INSERT INTO request_replays (key, seen_at) VALUES ($1, $2)
         ON CONFLICT (key) DO UPDATE SET seen_at = excluded.seen_at WHERE request_replays.seen_at < $3 RETURNING key`,
        [key, nowMs, expired],
      );
      return rows.length === 1;
    },
  };
}
