import type Database from "better-sqlite3";
import type { RequestReplayStore } from "../store.js";

/**
 * Requests already taken, in the database rather than one process's memory: behind a load balancer,
 * Slack's retry of a request may reach another process than the first attempt did.
 */
export function createSqliteRequestReplays(db: Database.Database): RequestReplayStore {
  // Inserted, or taken over from an entry past its window: one statement, so two processes offered
  // the same key at once see exactly one `changes = 1` between them.
  const claim = db.prepare(`INSERT INTO request_replays (key, seen_at) VALUES (@key, @now)
                            ON CONFLICT (key) DO UPDATE SET seen_at = excluded.seen_at WHERE request_replays.seen_at < @expired`);
  const prune = db.prepare("DELETE FROM request_replays WHERE seen_at < ?");
  return {
    async claimRequest(key, nowMs, windowMs) {
      const expired = nowMs - windowMs;
      prune.run(expired);
      return claim.run({ key, now: nowMs, expired }).changes === 1;
    },
  };
}
