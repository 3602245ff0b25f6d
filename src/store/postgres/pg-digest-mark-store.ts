import type { DigestMarkStore } from "../store.js";
import { enqueueOn } from "./pg-outbox-store.js";
import type { SqlClient } from "./sql-client.js";
import { isoTime } from "./pg-time.js";

/**
 * Digest marks, and the commit that moves one while enqueueing the digest. The move is a
 * compare-and-set on the mark the window started from: of two workers that built the same slot,
 * the second finds the mark moved (or, for a first digest, already there) and enqueues nothing.
 */
export function createPostgresDigestMarkStore(client: SqlClient): DigestMarkStore {
  return {
    async getDigestMark(digestId) {
      const [row] = await client.query<{ window_end: Date | string }>("SELECT window_end FROM digest_marks WHERE digest_id = $1", [digestId]);
      return row ? isoTime(row.window_end) : null;
    },
    async commitDigest({ digestId, since, windowEnd, messages, now }) {
      return client.transaction(async (tx) => {
        const moved =
          since === null
            ? await tx.query("INSERT INTO digest_marks (digest_id, window_end) VALUES ($1, $2) ON CONFLICT (digest_id) DO NOTHING RETURNING digest_id", [digestId, windowEnd])
            : await tx.query("UPDATE digest_marks SET window_end = $3 WHERE digest_id = $1 AND window_end = $2 RETURNING digest_id", [digestId, since, windowEnd]);
        return moved.length === 0 ? 0 : enqueueOn(tx, messages, now);
      });
    },
  };
}
