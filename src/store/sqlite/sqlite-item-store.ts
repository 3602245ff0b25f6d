import type Database from "better-sqlite3";
import type { TopicMatch } from "../../domain/match.js";
import type { StoredItem } from "../../domain/story.js";
import { itemKey } from "../item-key.js";
import { storedItemOf, type ItemRowOf } from "../item-row.js";
import type { ItemStore, ItemToStore } from "../store.js";

/** An items row as better-sqlite3 returns it: times as ISO text, matches as JSON text. */
export type ItemRow = ItemRowOf<string, string>;

export function rowToItem(row: ItemRow): StoredItem {
  return storedItemOf({ ...row, matches: JSON.parse(row.matches) as TopicMatch[] });
}

export function createSqliteItemStore(db: Database.Database): ItemStore {
  const insertItem = db.prepare(`
    INSERT INTO items (key, source_id, item_id, guid, link, url, title, summary, content, author, language,
                       published_at, date_missing, first_seen_at, cluster_id, matches)
    VALUES (@key, @source_id, @item_id, @guid, @link, @url, @title, @summary, @content, @author, @language,
            @published_at, @date_missing, @first_seen_at, @cluster_id, @matches)
    ON CONFLICT DO NOTHING`);
  // One statement for a whole feed's ids; json_each sidesteps SQLite's limit on bound parameters.
  const lookup = db.prepare<[string, string], string>("SELECT item_id FROM items WHERE source_id = ? AND item_id IN (SELECT value FROM json_each(?))").pluck();
  const insertTopic = db.prepare(
    "INSERT OR IGNORE INTO item_topics (item_key, topic_id, score, first_seen_at) VALUES (?, ?, ?, ?)",
  );

  const saveAll = db.transaction((items: ItemToStore[], seenAt: string): StoredItem[] => {
    const saved: StoredItem[] = [];
    for (const item of items) {
      const key = itemKey(item.sourceId, item.id);
      const row: ItemRow = {
        key,
        source_id: item.sourceId,
        item_id: item.id,
        guid: item.guid,
        link: item.link,
        url: item.url,
        title: item.title,
        summary: item.summary,
        content: item.content,
        author: item.author,
        language: item.language,
        published_at: item.publishedAt,
        date_missing: item.dateImplausible ? 2 : item.dateMissing ? 1 : 0,
        first_seen_at: seenAt,
        cluster_id: item.clusterId,
        matches: JSON.stringify(item.matches),
      };
      // Only the writer that actually inserted the row goes on to alert or digest it.
      if (insertItem.run(row).changes === 0) continue;
      for (const match of item.matches) {
        if (item.passedTopicIds.includes(match.topicId)) insertTopic.run(key, match.topicId, match.score, seenAt);
      }
      saved.push(rowToItem(row));
    }
    return saved;
  });

  return {
    async knownItemIds(sourceId, itemIds) {
      return new Set(lookup.all(sourceId, JSON.stringify(itemIds)));
    },
    async saveItems(items, seenAt) {
      return saveAll.immediate(items, seenAt);
    },
    async itemsForDigest({ since, until, publishedAfter, topicIds, perTopic }) {
      if (topicIds.length === 0) return [];
      const marks = topicIds.map(() => "?").join(", ");
      const rows = db
        .prepare(
          `SELECT items.* FROM items
           JOIN (SELECT item_key FROM (
                   SELECT t.item_key, ROW_NUMBER() OVER (PARTITION BY t.topic_id ORDER BY t.score DESC, i.published_at DESC) AS place
                   FROM item_topics AS t JOIN items AS i ON i.key = t.item_key
                   WHERE t.topic_id IN (${marks}) AND t.first_seen_at > ? AND t.first_seen_at <= ? AND i.published_at >= ?)
                 WHERE place <= ? GROUP BY item_key) AS hits ON hits.item_key = items.key
           ORDER BY items.published_at DESC, items.key`,
        )
        .all(...topicIds, since ?? "", until, publishedAfter ?? "", perTopic) as ItemRow[];
      return rows.map(rowToItem);
    },
    async itemsOfClusters(clusterIds) {
      if (clusterIds.length === 0) return [];
      const marks = clusterIds.map(() => "?").join(", ");
      const rows = db
        .prepare(`SELECT * FROM items WHERE cluster_id IN (${marks}) ORDER BY published_at`)
        .all(...clusterIds) as ItemRow[];
      return rows.map(rowToItem);
    },
    async countItems() {
      return db.prepare("SELECT COUNT(*) FROM items").pluck().get() as number;
    },
  };
}
