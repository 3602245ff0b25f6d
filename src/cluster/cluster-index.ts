import type { TermVector } from "./story-vector.js";

/** One item as the cluster index remembers it: enough to answer "seen before?" and "which story?". */
export interface IndexedItem {
  /** Store-wide item key, `${sourceId}:${id}`. */
  key: string;
  clusterId: string;
  /** Key of the earlier item this one is a copy of (same article, other URL or guid), else null. */
  duplicateOf: string | null;
  publishedMs: number;
}

/**
 * A story cluster as similarity search needs it. Its `centroid` is the sum of its members' term
 * vectors, so one comparison scores a new item against the whole story; `members` keeps the terms
 * of its first reports, for the check that an item shares some words with one of them.
 */
export interface IndexedCluster {
  id: string;
  /** Publication time of the story's earliest item; the time window is measured from it. */
  startMs: number;
  centroid: TermVector;
  /** Term sets (sorted hashes) of its first members, at most `MEMBER_TERMS_KEPT`. */
  members: Uint32Array[];
  /** Distinct sources of its members, exact duplicates aside. */
  sources: string[];
  /** Members, exact duplicates aside. */
  size: number;
}

/** What `ClusterIndex.save` records for one assigned item. */
export interface ClusterIndexEntry {
  item: IndexedItem;
  /** Exact-duplicate keys the item is found by later (item key, URL identity, title hash). */
  identities: readonly string[];
  /** The cluster's new state, when the item opened or joined one (not for exact duplicates). */
  cluster: IndexedCluster | null;
  /** Stories the item joined together: merged into `cluster` and found as it from now on. */
  absorbed: readonly string[];
  /** Keys (int32) the cluster is now also found by. */
  bandKeys: readonly number[];
  /** The item's feature hashes, to count into document frequencies; empty for duplicates. */
  features: Uint32Array;
}

/**
 * What the clusterer persists: in memory, in SQLite, or in PostgreSQL (shared by many workers).
 */
export interface ClusterIndex {
  /**
   * Runs one assignment (its reads and its save) as one unit: no other assignment, in this
   * process or another sharing the store, sees or writes the index in between. This is what keeps
   * two workers from each opening a story for one event.
   */
  serially<T>(work: () => Promise<T>): Promise<T>;
  /** The most recently published item recorded under `identity`, with its (current) cluster; else null. */
  findItem(identity: string): Promise<{ item: IndexedItem; cluster: IndexedCluster } | null>;
  /**
   * Clusters that started within `[fromMs, toMs]` and hold at least one of `bandKeys`. A key held
   * by more than `maxPerKey` such clusters is skipped: like a stop word, it says only that two
   * texts share the commonest words of the stream. Ordered by how many of the keys found each,
   * most first. With `minKeys`, only clusters found by at least that many keys, a skipped key
   * counting as found: the others cannot share that many terms with the item.
   */
  findClusters(bandKeys: readonly number[], fromMs: number, toMs: number, maxPerKey: number, minKeys?: number): Promise<IndexedCluster[]>;
  /** How many counted items had each feature, and how many items were counted. */
  documentFrequencies(features: Uint32Array): Promise<{ documents: number; counts: number[] }>;
  save(entry: ClusterIndexEntry): Promise<void>;
  /**
   * Forgets the keys of clusters that started before `beforeMs`, which no later window reaches
   * (an implementation may do so in batches); items, identities and counts stay.
   */
  prune(beforeMs: number): Promise<void>;
}

/** The keys of `hits` (found → times found), most found first, as `findClusters` returns them. */
export function mostFoundFirst<K>(hits: Map<K, number>): K[] {
  return [...hits].sort((a, b) => b[1] - a[1]).map(([key]) => key);
}
