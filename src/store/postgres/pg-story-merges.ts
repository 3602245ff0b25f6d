import type { StoryMergeStore } from "../store.js";
import type { SqlClient } from "./sql-client.js";

/**
 * Relabels what was stored under stories the clusterer has since merged: items move to the story
 * they joined, and a watch that alerted for either story counts as having alerted for the merged one.
 */
export function createPostgresStoryMerges(client: SqlClient): StoryMergeStore {
  return {
    async mergeStories(renames) {
      if (renames.size === 0) return;
      await client.transaction(async (tx) => {
        for (const [from, to] of renames) {
          await tx.query("UPDATE items SET cluster_id = $2 WHERE cluster_id = $1", [from, to]);
          await tx.query(
            `INSERT INTO alerts_sent (watch_id, cluster_id, sent_at) SELECT watch_id, $2, sent_at FROM alerts_sent WHERE cluster_id = $1
             ON CONFLICT DO NOTHING`,
            [from, to],
          );
          await tx.query("DELETE FROM alerts_sent WHERE cluster_id = $1", [from]);
        }
      });
    },
  };
}
