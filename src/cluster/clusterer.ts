import type { FeedItem } from "../domain/item.js";
import type { ClusterIndex, IndexedCluster, IndexedItem } from "./cluster-index.js";
import { featureBloom, sharedWeightBound } from "./feature-bloom.js";
import { union, weightedJaccard, weightNotIn } from "./feature-set.js";
import { idfWeights } from "./idf-weights.js";
import { itemIdentities, itemKeyIdentity } from "./item-identities.js";
import { lshBandKeys } from "./lsh-bands.js";
import { createMinHasher } from "./minhash.js";
import { textRuns } from "./normalise-text.js";
import { featureHashes } from "./text-features.js";

export interface ClustererOptions {
  index: ClusterIndex;
  /** How long a story stays open after its first item, in hours. Default 72. */
  windowHours?: number;
  /** IDF-weighted Jaccard similarity to a story's profile needed to join it. Default in DEFAULTS. */
  threshold?: number;
  /**
   * The threshold is multiplied by this when the story already has an item from the same source:
   * an outlet seldom writes one event up twice, but often writes up the next development.
   */
  sameSourceFactor?: number;
  /** MinHash signature length and LSH rows per band (signatureSize / bandRows bands). */
  signatureSize?: number;
  bandRows?: number;
  /** LSH keys shared by more stories than this within the window are skipped. */
  maxPerKey?: number;
}

/** Chosen by measurement: docs/clustering.md. */
export const clusterDefaults = {
  windowHours: 72,
  threshold: 0.08,
  sameSourceFactor: 2,
  signatureSize: 32,
  bandRows: 1,
  maxPerKey: 4,
} as const;

/** The story an item was put in, and whether it is only a copy of an earlier item. */
export interface ClusterAssignment {
  clusterId: string;
  duplicateOf: string | null;
  isNewCluster: boolean;
}

/** Puts items into story clusters one at a time, each against what the index already holds. */
export interface Clusterer {
  assign(item: FeedItem & { key: string }): Promise<ClusterAssignment>;
}

const HOUR_MS = 3_600_000;
/**
 * A story's profile is the union of its first reports only. Past this the union would keep
 * growing, every newcomer's share of it would shrink, and a big story would stop accepting
 * outlets that tell it in their own words.
 */
const PROFILE_MEMBERS = 8;

/** An item's features with their weights (inverse document frequency) and the weights' total. */
interface WeighedFeatures {
  features: Uint32Array;
  weights: Float64Array;
  total: number;
}
/** A feature in more than this share of counted items, and in more than COMMON_MIN_ITEMS, is common. */
const COMMON_SHARE = 0.01;
const COMMON_MIN_ITEMS = 100;
const MIN_SIGNED = 4;

export function createClusterer(options: ClustererOptions): Clusterer {
  const settings = { ...clusterDefaults, ...definedOnly(options) };
  const { index } = options;
  const { threshold, sameSourceFactor, maxPerKey } = settings;
  const windowMs = settings.windowHours * HOUR_MS;
  const hasher = createMinHasher(settings.signatureSize);

  /** The earlier item this one copies: same URL (and text like it), or same title within the window. */
  async function original(identities: string[], publishedMs: number, text: WeighedFeatures) {
    for (const identity of identities) {
      const hit = await index.findItem(identity);
      if (!hit) continue;
      if (identity.startsWith("t:") && Math.abs(publishedMs - hit.item.publishedMs) > windowMs) continue;
      // One URL, different text: a live page, or a feed that links every item to a section page.
      // A real copy holds a good share of its story's profile, which the member cap keeps small.
      const { features: profile, weight } = hit.cluster;
      if (identity.startsWith("u:") && weightedJaccard(text.features, text.weights, text.total, profile, weight) < threshold / 2) continue;
      return hit.item;
    }
    return null;
  }

  async function bestCluster(text: WeighedFeatures, signed: Uint32Array, publishedMs: number, sourceId: string) {
    const { features, weights, total } = text;
    const bandKeys = signed.length > 0 ? lshBandKeys(hasher.sign(signed), settings.bandRows) : [];
    const candidates = await index.findClusters(bandKeys, publishedMs - windowMs, publishedMs + windowMs, maxPerKey);
    let best: IndexedCluster | null = null;
    let bestScore = 0;
    for (const cluster of candidates) {
      // Most candidates share a word or two by chance: the Bloom bound turns them away before the
      // merge through the profile, and before their sources are looked at.
      const bound = sharedWeightBound(cluster.bloom ?? featureBloom(cluster.features), features, weights);
      if (bound / (total + cluster.weight - bound) < Math.max(threshold, bestScore) * (1 - 1e-9)) continue;
      const needed = cluster.sources.includes(sourceId) ? threshold * sameSourceFactor : threshold;
      const score = weightedJaccard(features, weights, total, cluster.features, cluster.weight, Math.max(needed, bestScore));
      if (score < needed || score < bestScore) continue;
      if (score > bestScore || (best && cluster.startMs < best.startMs)) {
        best = cluster;
        bestScore = score;
      }
    }
    return { best, bandKeys };
  }

  return {
    async assign(feedItem) {
      const publishedMs = Date.parse(feedItem.publishedAt);
      if (Number.isNaN(publishedMs)) throw new RangeError(`item ${feedItem.key} has no valid publishedAt`);
      const again = await index.findItem(itemKeyIdentity(feedItem.key));
      if (again) return { clusterId: again.item.clusterId, duplicateOf: again.item.duplicateOf, isNewCluster: false };

      const titleRuns = textRuns(feedItem.title);
      const ids = itemIdentities(feedItem, titleRuns);
      const identities = [ids.key, ids.url, ids.title].filter((id): id is string => id !== null);
      const features = featureHashes(titleRuns, textRuns(feedItem.summary));
      const { documents, counts } = await index.documentFrequencies(features);
      const weights = idfWeights(counts, documents);
      const text: WeighedFeatures = { features, weights, total: sum(weights) };
      const copied = await original(identities.slice(1), publishedMs, text);
      if (copied) {
        const duplicateOf = copied.duplicateOf ?? copied.key;
        const item = { key: feedItem.key, clusterId: copied.clusterId, duplicateOf, publishedMs };
        await index.save({ item, identities, cluster: null, bandKeys: [], features: new Uint32Array(0) });
        return { clusterId: copied.clusterId, duplicateOf, isNewCluster: false };
      }

      const signed = signedFeatures(features, counts, documents);
      const { best: joined, bandKeys } = await bestCluster(text, signed, publishedMs, feedItem.sourceId);
      const cluster: IndexedCluster = joined
        ? grow(joined, text, feedItem.sourceId)
        : { id: feedItem.key, startMs: publishedMs, features, weight: text.total, bloom: featureBloom(features), sources: [feedItem.sourceId], size: 1 };
      const item: IndexedItem = { key: feedItem.key, clusterId: cluster.id, duplicateOf: null, publishedMs };
      // Members past the profile do not change what the story is compared by, so they add no keys.
      const keys = cluster.size <= PROFILE_MEMBERS ? bandKeys : [];
      await index.save({ item, identities, cluster, bandKeys: keys, features });
      return { clusterId: cluster.id, duplicateOf: null, isNewCluster: !joined };
    },
  };
}

/**
 * The features an item's LSH keys are made from: its own words, without the beat's commonest. A
 * key made from "China" or "chip" finds dozens of unrelated stories (and, past `maxPerKey`, none);
 * those words weigh little in the similarity anyway. Every feature stays when too few are left.
 */
function signedFeatures(features: Uint32Array, counts: readonly number[], documents: number): Uint32Array {
  const common = Math.max(COMMON_MIN_ITEMS, documents * COMMON_SHARE);
  let kept = 0;
  for (const count of counts) if (count <= common) kept++;
  if (kept === features.length || kept < MIN_SIGNED) return features;
  const signed = new Uint32Array(kept);
  for (let i = 0, n = 0; i < features.length; i++) if (counts[i]! <= common) signed[n++] = features[i]!;
  return signed;
}

function grow(cluster: IndexedCluster, { features, weights }: WeighedFeatures, sourceId: string): IndexedCluster {
  const inProfile = cluster.size < PROFILE_MEMBERS;
  const profile = inProfile ? union(cluster.features, features) : cluster.features;
  return {
    ...cluster,
    features: profile,
    weight: inProfile ? cluster.weight + weightNotIn(features, weights, cluster.features) : cluster.weight,
    bloom: inProfile || !cluster.bloom ? featureBloom(profile) : cluster.bloom,
    sources: cluster.sources.includes(sourceId) ? cluster.sources : [...cluster.sources, sourceId],
    size: cluster.size + 1,
  };
}

function sum(values: Float64Array): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
