import type { FeedItem } from "../domain/item.js";
import type { MatchableItem, TopicMatch } from "../domain/match.js";

/** What the poll cycle needs of the matcher (src/match implements it). */
export interface ItemMatcher {
  match(item: MatchableItem, now: Date): TopicMatch[];
  passes(match: TopicMatch): boolean;
}

/** What the poll cycle needs of the story clusterer (src/cluster implements it). */
export interface ItemClusterer {
  assign(item: FeedItem & { key: string }): Promise<{ clusterId: string; duplicateOf: string | null; isNewCluster: boolean }>;
}
