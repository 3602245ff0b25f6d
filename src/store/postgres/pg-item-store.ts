import type { TopicMatch } from "../../domain/match.js";
import type { StoredItem } from "../../domain/story.js";
import type { ItemStore, ItemToStore } from "../store.js";
import { itemKey } from "../item-key.js";
import { storedItemOf, type ItemRowOf } from "../item-row.js";
import type { SqlClient } from "./sql-client.js";
import { isoTime } from "./pg-time.js";

/** An items row as pg returns it: TIMESTAMPTZ as Date, JSONB parsed. */
export type PgItemRow = ItemRowOf<Date | string, TopicMatch[]>;

/** The item columns (not the search ones), for `SELECT ${itemColumns("i")}`. */
export function itemColumns(alias: string): string {
  return ["key", "source_id", "item_id", "guid", "link", "url", "title", "summary", "content", "author", "language", "published_at", "date_missing", "first_seen_at", "cluster_id", "matches"]
    .map((column) => `${alias}.${column}`)
    .join(", ");
}

export function pgRowToItem(row: PgItemRow): StoredItem {
  return storedItemOf({ ...row, published_at: isoTime(row.published_at), first_seen_at: isoTime(row.first_seen_at) });
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function createPostgresItemStore(client: SqlClient): ItemStore {
  return {
    async knownItemIds(sourceId, itemIds) {
      if (itemIds.length === 0) return new Set();
      const rows = await client.query<{ item_id: string }>("SELECT item_id FROM items WHERE source_id = $1 AND item_id = ANY($2::text[])", [sourceId, itemIds]);
      return new Set(rows.map((row) => row.item_id));
    },
    async saveItems(items, seenAt) {
      if (items.length === 0) return [];
      return client.transaction(async (tx) => {
        const saved = new Map<ItemToStore, StoredItem>();
        // In key order, so two workers saving overlapping batches take the rows' locks in one order (no deadlock).
        const byKey = [...items].sort((a, b) => compareText(itemKey(a.sourceId, a.id), itemKey(b.sourceId, b.id)));
        for (const item of byKey) {
          // Only the writer that actually inserted the row goes on to alert or digest it.
          const [row] = await tx.query<PgItemRow>(
            `INSERT INTO items (key, source_id, item_id, guid, link, url, title, summary, content, author, language,
                                published_at, date_missing, first_seen_at, cluster_id, matches)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16::jsonb)
             ON CONFLICT DO NOTHING RETURNING ${itemColumns("items")}`,
            [
              itemKey(item.sourceId, item.id), item.sourceId, item.id, item.guid, item.link, item.url, item.title, item.summary, item.content,
              item.author, item.language, item.publishedAt, item.dateImplausible ? 2 : item.dateMissing ? 1 : 0, seenAt, item.clusterId,
              JSON.stringify(item.matches),
            ],
          );
          if (!row) continue;
          const passed = item.matches.filter((match) => item.passedTopicIds.includes(match.topicId));
          if (passed.length > 0) {
            await tx.query(
              `INSERT INTO item_topics (item_key, topic_id, score, first_seen_at)
               SELECT $1, topic_id, score, $4 FROM unnest($2::text[], $3::float8[]) AS m (topic_id, score)
               ON CONFLICT DO NOTHING`,
              [row.key, passed.map((match) => match.topicId), passed.map((match) => match.score), seenAt],
            );
          }
          saved.set(item, pgRowToItem(row));
        }
        return items.flatMap((item) => saved.get(item) ?? []);
      });
    },
    async itemsForDigest({ since, until, publishedAfter, topicIds, perTopic }) {
      if (topicIds.length === 0) return [];
      const rows = await client.query<PgItemRow>(
        `SELECT ${itemColumns("items")} FROM items
         JOIN (SELECT DISTINCT item_key FROM (
                 SELECT t.item_key, ROW_NUMBER() OVER (PARTITION BY t.topic_id ORDER BY t.score DESC, i.published_at DESC) AS place
                 FROM item_topics AS t JOIN items AS i ON i.key = t.item_key
                 WHERE t.topic_id = ANY($1::text[]) AND ($2::timestamptz IS NULL OR t.first_seen_at > $2) AND t.first_seen_at <= $3
                   AND ($4::timestamptz IS NULL OR i.published_at >= $4)) AS ranked
               WHERE place <= $5) AS hits ON hits.item_key = items.key
         ORDER BY items.published_at DESC, items.key COLLATE "C"`,
        [topicIds, since, until, publishedAfter ?? null, perTopic],
      );
      return rows.map(pgRowToItem);
    },
    async itemsOfClusters(clusterIds) {
      if (clusterIds.length === 0) return [];
      const rows = await client.query<PgItemRow>(
        `SELECT ${itemColumns("items")} FROM items WHERE cluster_id = ANY($1::text[]) ORDER BY published_at, seq`,
        [clusterIds],
      );
      return rows.map(pgRowToItem);
    },
    async countItems() {
      const [row] = await client.query<{ count: number }>("SELECT COUNT(*)::int AS count FROM items");
      return row?.count ?? 0;
    },
  };
}
