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

/** One story told by one or more outlets; the lead item is shown first. */
export interface Story {
  clusterId: string;
  lead: StoredItem;
  /** The other items of the same story, best first. */
  others: StoredItem[];
}
