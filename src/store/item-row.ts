import type { TopicMatch } from "../domain/match.js";
import type { StoredItem } from "../domain/story.js";

/** An `items` row as both stores lay it out; each store's own types differ only in how times and matches come back. */
export interface ItemRowOf<Time, Matches> {
  key: string;
  source_id: string;
  item_id: string;
  guid: string | null;
  link: string | null;
  url: string | null;
  title: string;
  summary: string;
  content: string;
  author: string | null;
  language: string | null;
  published_at: Time;
  date_missing: number;
  first_seen_at: Time;
  cluster_id: string;
  matches: Matches;
}

/** The stored item a row holds, once its times are ISO text and its matches parsed. */
export function storedItemOf(row: ItemRowOf<string, TopicMatch[]>): StoredItem {
  return {
    key: row.key,
    id: row.item_id,
    sourceId: row.source_id,
    guid: row.guid,
    link: row.link,
    url: row.url,
    title: row.title,
    summary: row.summary,
    content: row.content,
    author: row.author,
    language: row.language,
    publishedAt: row.published_at,
    // date_missing: 0 dated, 1 undated, 2 dated implausibly (shown as undated, never alerted).
    dateMissing: row.date_missing !== 0,
    ...(row.date_missing === 2 ? { dateImplausible: true } : {}),
    firstSeenAt: row.first_seen_at,
    clusterId: row.cluster_id,
    matches: row.matches,
  };
}
