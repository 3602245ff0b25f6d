import type { FeedItem } from "./item.js";
import type { TopicMatch } from "./match.js";

/** An item as the store keeps it: with its matches and the story it belongs to. */
export interface StoredItem extends FeedItem {
  /** Store-wide key: `${sourceId}:${id}`. */
  key: string;
  matches: TopicMatch[];
  clusterId: string;
  firstSeenAt: string;
}
