import type { FeedItem } from "../domain/item.js";
import type { ClusterIndex, IndexedCluster, IndexedItem } from "./cluster-index.js";
import { idfWeights } from "./idf-weights.js";
import { itemIdentities, itemKeyIdentity } from "./item-identities.js";
import { textRuns } from "./normalise-text.js";
import { addVectors, cosine, sharesAtLeast, vectorOf, type TermVector } from "./story-vector.js";
import { featureHashes } from "./text-features.js";

export interface ClustererOptions {
  index: ClusterIndex;
  /** How long a story stays open after its first item, in hours. Default 72. */
  windowHours?: number;
  /** IDF-weighted cosine between an item and a story's centroid needed to join it. */
  threshold?: number;
  /** Terms an item must share with at least one of a story's reports to join it. */
  sharedTerms?: number;
  /**
   * The cosine is multiplied by this for a story that already holds a report from the item's
   * source: an outlet seldom writes one event up twice, but often writes up its next development.
   */
  sameSourceFactor?: number;
  /** Keys (rare terms) shared by more stories than this within the window are skipped. */
  maxPerKey?: number;
}

/** Chosen by measurement: docs/clustering.md. */
export const clusterDefaults = {
  windowHours: 72,
  threshold: 0.15,
  sharedTerms: 3,
  sameSourceFactor: 2,
  maxPerKey: 16,
} as const;

/** The story an item was put in, and whether it is only a copy of an earlier item. */
export interface ClusterAssignment {
  clusterId: string;
  duplicateOf: string | null;
  isNewCluster: boolean;
  /** Stories this item showed to be one with `clusterId`: merged into it, by their ids. */
  merged: string[];
}

/** Puts items into story clusters one at a time, each against what the index already holds. */
export interface Clusterer {
  assign(item: FeedItem & { key: string }): Promise<ClusterAssignment>;
}

const HOUR_MS = 3_600_000;
/** Term sets of a story's first reports kept for the shared-terms check. */
export const MEMBER_TERMS_KEPT = 32;
/** Headline terms weigh twice a summary's. */
const TITLE_FACTOR = 2;
/**
 * A term in more than this share of counted items is common, judged only once the share is at
 * least COMMON_MIN_ITEMS items: before that the index has not seen enough of the stream to tell
 * a beat's everyday words from the names of one big story.
 */
const COMMON_SHARE = 0.01;
const COMMON_MIN_ITEMS = 100;

export function createClusterer(options: ClustererOptions): Clusterer {
  const settings = { ...clusterDefaults, ...definedOnly(options) };
  const { index } = options;
  const { threshold, sharedTerms, sameSourceFactor, maxPerKey } = settings;
  const windowMs = settings.windowHours * HOUR_MS;

  /** The earlier item this one copies: same URL (and text like it), or same title within the window. */
  async function original(identities: string[], publishedMs: number, vector: TermVector) {
    for (const identity of identities) {
      const hit = await index.findItem(identity);
      if (!hit) continue;
      if (identity.startsWith("t:") && Math.abs(publishedMs - hit.item.publishedMs) > windowMs) continue;
      // One URL, different text: a live page, or a feed that links every item to a section page.
      if (identity.startsWith("u:") && cosine(vector, hit.cluster.centroid) < threshold / 2) continue;
      return hit;
    }
    return null;
  }

  /**
   * The story in the window the item is closest to, if it is close enough, with the other stories
   * it is close enough to that are themselves alike (centroid cosine at the threshold): the stories
   * to make one, earliest first. An item that touches two unlike stories bridges nothing.
   */
  async function storiesJoined(vector: TermVector, rare: Uint32Array, publishedMs: number, sourceId: string): Promise<IndexedCluster[]> {
    const keys = Array.from(rare, (term) => term | 0);
    const needed = Math.max(1, Math.min(sharedTerms, rare.length));
    // Every shared rare term is a key the story holds: one found by fewer keys cannot qualify.
    const candidates = await index.findClusters(keys, publishedMs - windowMs, publishedMs + windowMs, maxPerKey, needed);
    const close: Array<{ cluster: IndexedCluster; score: number }> = [];
    for (const cluster of candidates) {
      const score = cosine(vector, cluster.centroid);
      if (score < (cluster.sources.includes(sourceId) ? threshold * sameSourceFactor : threshold)) continue;
      if (!cluster.members.some((member) => sharesAtLeast(rare, member, needed))) continue;
      close.push({ cluster, score });
    }
    if (close.length === 0) return [];
    close.sort((a, b) => earliestFirst(a.cluster, b.cluster));
    const closest = close.reduce((best, next) => (next.score > best.score ? next : best)).cluster;
    return close.map(({ cluster }) => cluster).filter((cluster) => cluster === closest || cosine(cluster.centroid, closest.centroid) >= threshold);
  }

  async function assign(feedItem: FeedItem & { key: string }, publishedMs: number): Promise<ClusterAssignment> {
    const again = await index.findItem(itemKeyIdentity(feedItem.key));
    if (again) return { clusterId: again.cluster.id, duplicateOf: again.item.duplicateOf, isNewCluster: false, merged: [] };

    const titleRuns = textRuns(feedItem.title);
    const ids = itemIdentities(feedItem, titleRuns);
    const identities = [ids.key, ids.url, ids.title].filter((id): id is string => id !== null);
    const { features, inTitle } = featureHashes(titleRuns, textRuns(feedItem.summary));
    const { documents, counts } = await index.documentFrequencies(features);
    const weights = idfWeights(counts, documents);
    for (let i = 0; i < weights.length; i++) if (inTitle[i]) weights[i]! *= TITLE_FACTOR;
    const vector = vectorOf(features, weights);

    const copied = await original(identities.slice(1), publishedMs, vector);
    if (copied) {
      const duplicateOf = copied.item.duplicateOf ?? copied.item.key;
      const clusterId = copied.cluster.id;
      const item = { key: feedItem.key, clusterId, duplicateOf, publishedMs };
      await index.save({ item, identities, cluster: null, absorbed: [], bandKeys: [], features: new Uint32Array(0) });
      return { clusterId, duplicateOf, isNewCluster: false, merged: [] };
    }

    const rare = rareTerms(features, counts, documents);
    const joined = await storiesJoined(vector, rare, publishedMs, feedItem.sourceId);
    const cluster = joined.length === 0 ? open(feedItem, publishedMs, vector) : join(joined, feedItem.sourceId, vector);
    const absorbed = joined.slice(1).map((story) => story.id);
    const item: IndexedItem = { key: feedItem.key, clusterId: cluster.id, duplicateOf: null, publishedMs };
    await index.save({ item, identities, cluster, absorbed, bandKeys: Array.from(rare, (term) => term | 0), features });
    return { clusterId: cluster.id, duplicateOf: null, isNewCluster: joined.length === 0, merged: absorbed };
  }

  return {
    async assign(item) {
      // Checked before the index is locked: a bad item must not roll back what others wrote.
      const publishedMs = Date.parse(item.publishedAt);
      if (Number.isNaN(publishedMs)) throw new RangeError(`item ${item.key} has no valid publishedAt`);
      return index.serially(() => assign(item, publishedMs));
    },
  };
}

function earliestFirst(a: IndexedCluster, b: IndexedCluster): number {
  return a.startMs - b.startMs || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function open(item: FeedItem & { key: string }, publishedMs: number, vector: TermVector): IndexedCluster {
  return { id: item.key, startMs: publishedMs, centroid: vector, members: [vector.features], sources: [item.sourceId], size: 1 };
}

/** The stories an item joined, earliest first, made one with the item in it; named after the earliest. */
function join(stories: IndexedCluster[], sourceId: string, vector: TermVector): IndexedCluster {
  const [first, ...rest] = stories as [IndexedCluster, ...IndexedCluster[]];
  let { centroid, size } = first;
  const members = [...first.members];
  const sources = new Set(first.sources);
  for (const story of rest) {
    centroid = addVectors(centroid, story.centroid);
    members.push(...story.members);
    for (const source of story.sources) sources.add(source);
    size += story.size;
  }
  members.push(vector.features);
  sources.add(sourceId);
  return {
    id: first.id,
    startMs: first.startMs,
    centroid: addVectors(centroid, vector),
    members: members.slice(0, MEMBER_TERMS_KEPT),
    sources: [...sources],
    size: size + 1,
  };
}

/**
 * The item's terms without the stream's commonest: what it is looked up by and what counts as a
 * shared term. "China" in half the items finds dozens of unrelated stories and says nothing
 * about which one an item reports; it still counts, by its low weight, in the cosine.
 */
function rareTerms(features: Uint32Array, counts: readonly number[], documents: number): Uint32Array {
  const common = documents * COMMON_SHARE;
  if (common < COMMON_MIN_ITEMS) return features;
  return features.filter((_, i) => counts[i]! <= common);
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
