import type { FeedItem } from "../domain/item.js";
import type { TopicMatch } from "../domain/match.js";
import type { NewOutboxMessage } from "../domain/outbound.js";
import type { WatchStore } from "../alerts/watch-store.js";
import type { OutboxStore } from "../outbox/outbox-store.js";
import type { SourceState } from "../domain/source-state.js";
import type { StoredItem } from "../domain/story.js";
import type { TenantStore } from "./tenant-store.js";

/** An item ready to store: ingested, matched and assigned to a story. */
export interface ItemToStore extends FeedItem {
  matches: TopicMatch[];
  /** Topics whose threshold the item passed; only these put it in a digest. */
  passedTopicIds: string[];
  clusterId: string;
}

export interface ItemStore {
  /** Which of these item ids of a source are stored already. */
  knownItemIds(sourceId: string, itemIds: string[]): Promise<Set<string>>;
  /** Stores items not seen before (by source and item id) and returns only those. */
  saveItems(items: ItemToStore[], seenAt: string): Promise<StoredItem[]>;
  /**
   * Items first seen in `(since, until]`, published at or after `publishedAfter` (when set), that passed
   * one of `topicIds`: at most `perTopic` per topic, best score first within each, so a wide topic
   * cannot crowd the others out of the candidates.
   */
  itemsForDigest(query: { since: string | null; until: string; publishedAfter?: string | null; topicIds: string[]; perTopic: number }): Promise<StoredItem[]>;
  /** Every stored item of the given stories, for "+N more sources". */
  itemsOfClusters(clusterIds: string[]): Promise<StoredItem[]>;
  countItems(): Promise<number>;
}

/** Follows the clusterer's story merges in what is stored. */
export interface StoryMergeStore {
  /** Moves what is stored under each merged story (`from` → `to`) to the story it joined. */
  mergeStories(renames: ReadonlyMap<string, string>): Promise<void>;
}

export interface SourceStateStore {
  getSourceState(sourceId: string): Promise<SourceState | null>;
  saveSourceState(state: SourceState): Promise<void>;
  listSourceStates(): Promise<SourceState[]>;
}

/** Remembers the end of the last window each digest covered, so a restart neither repeats nor skips. */
export interface DigestMarkStore {
  getDigestMark(digestId: string): Promise<string | null>;
  /**
   * Enqueues a digest's messages and moves its mark from `since` (the mark its window started from) to
   * `windowEnd`, in one transaction, so a crash cannot split them. Only while the stored mark still equals
   * `since`: when another worker posted this slot first, nothing is enqueued and the answer is 0.
   */
  commitDigest(digest: { digestId: string; since: string | null; windowEnd: string; messages: NewOutboxMessage[]; now: string }): Promise<number>;
}

/** Requests already taken, shared by every process on the store (Slack's retries, X-Slack-Retry-Num). */
export interface RequestReplayStore {
  /** True for the first offer of `key` within `windowMs`; false for a repeat, from any process. */
  claimRequest(key: string, nowMs: number, windowMs: number): Promise<boolean>;
}

export type { OutboxStore, TenantStore, WatchStore };

/** Everything the bot persists, behind one interface that SQLite and PostgreSQL implement. */
export interface Store extends ItemStore, SourceStateStore, DigestMarkStore, OutboxStore, WatchStore, StoryMergeStore, TenantStore, RequestReplayStore {
  close(): Promise<void>;
}
