import type Database from "better-sqlite3";

/**
 * Relabels what was stored under stories the clusterer has since merged: items move to the story
 * they joined (so a digest counts all its outlets), and a watch that alerted for either story
 * counts as having alerted for the merged one (so it alerts once per story).
 */
export function createSqliteStoryMerges(db: Database.Database) {
  const moveItems = db.prepare("UPDATE items SET cluster_id = ? WHERE cluster_id = ?");
  const moveAlerts = db.prepare("UPDATE OR IGNORE alerts_sent SET cluster_id = ? WHERE cluster_id = ?");
  const dropAlerts = db.prepare("DELETE FROM alerts_sent WHERE cluster_id = ?");
  const merge = db.transaction((renames: ReadonlyMap<string, string>) => {
    for (const [from, to] of renames) {
      moveItems.run(to, from);
      moveAlerts.run(to, from);
      dropAlerts.run(from);
    }
  });
  return {
    async mergeStories(renames: ReadonlyMap<string, string>) {
      if (renames.size > 0) merge.immediate(renames);
    },
  };
}
